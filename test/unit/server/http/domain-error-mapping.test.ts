import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../../../server/app-env';
import { type Actor, assertAdmin } from '../../../../server/domain/actor';
import {
  conflict,
  type DomainError,
  type DomainErrorKind,
  forbidden,
  invalid,
  notFound,
  tooLarge,
} from '../../../../server/domain/errors';
import { createOnError, statusOfKind } from '../../../../server/http/on-error';
import { createRouter } from '../../../../server/http/router';
import { schedulePreviewRoutes } from '../../../../server/routes/schedule-preview/schedule-preview.index';

const silent = { error: () => {}, info: () => {}, warn: () => {} };
const rep: Actor = { id: 'usr_1', teamId: 'tm_1', email: 'rep@example.com', name: 'Rep', role: 'rep' };

/** A use-case that refuses, as the domain does: it knows the kind, never the status. */
const refusingUseCase = (error: DomainError) => async (): Promise<never> => {
  throw error;
};

function appThrowing(error: DomainError) {
  const app = createRouter();
  app.onError(createOnError(silent));
  app.get('/x', async () => refusingUseCase(error)());
  return app;
}

const cases: [DomainErrorKind, DomainError, number, object][] = [
  ['not_found', notFound('snippet'), 404, { code: 'not_found', message: 'snippet not found' }],
  ['forbidden', forbidden('only its owner may'), 403, { code: 'forbidden', message: 'only its owner may' }],
  [
    'conflict',
    conflict('already there', { snippetId: 'snp_1' }, 'mailbox_busy'),
    409,
    { code: 'mailbox_busy', message: 'already there', details: { snippetId: 'snp_1' } },
  ],
  [
    'invalid',
    invalid('name: required', [{ path: 'name', message: 'required' }], 'validation_failed'),
    400,
    {
      code: 'validation_failed',
      message: 'name: required',
      details: [{ path: 'name', message: 'required' }],
    },
  ],
  [
    'too_large',
    tooLarge('too many rows', 'too_many_rows'),
    413,
    { code: 'too_many_rows', message: 'too many rows' },
  ],
];

describe('DomainError → HTTP, mapped once in on-error', () => {
  it('has a status for every kind', () => {
    expect(Object.keys(statusOfKind).sort()).toEqual(cases.map(([kind]) => kind).sort());
  });

  it.each(cases)(
    '%s answers %#: its status and the error envelope, nothing more',
    async (kind, error, status, body) => {
      expect(error.kind).toBe(kind);
      const res = await appThrowing(error).request('/x');
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual({ error: body });
    },
  );

  it('leaves details out of the envelope when the domain gave none', async () => {
    const res = await appThrowing(invalid('resumeAt must be in the future')).request('/x');
    expect(await res.json()).toEqual({
      error: { code: 'invalid_request', message: 'resumeAt must be in the future' },
    });
  });

  it('a real use-case refusal reaches the client through a real route: unknown holiday place → 400', async () => {
    const app = createRouter();
    app.onError(createOnError(silent));
    app.use('*', async (c, next) => {
      c.set('user', rep);
      await next();
    });
    app.route('/api', schedulePreviewRoutes({} as AppDeps));
    const res = await app.request('/api/schedule/preview', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        schedule: {
          timezone: 'UTC',
          useContactTimezone: false,
          windows: [{ days: [1], start: '09:00', end: '17:00' }],
          holidays: 'ZZ',
        },
        from: '2026-11-20T21:30:00Z',
        waitMinutes: 0,
      }),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details).toEqual([
      { path: 'schedule.holidays', message: expect.stringContaining('"ZZ"') },
    ]);
  });

  it('the admin rule is a domain forbidden', () => {
    expect(() => assertAdmin(rep)).toThrow(expect.objectContaining({ kind: 'forbidden', code: 'forbidden' }));
  });
});

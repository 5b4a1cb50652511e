import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { csvBody, encodeParams, type ServerClient } from '../../../extension/lib/api/api-core';
import { ApiProblem, fieldLabel } from '../../../extension/lib/api/api-problem';
import { createConsoleApi } from '../../../extension/ui/console/api-client';
import { fakeServer, memorySettings, reply, SERVER } from './fake-server';

const me = (s: ServerClient) => s.api.me.$get();
const signedIn = () => memorySettings({ serverUrl: SERVER, token: 'tok_1' });
const problemOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiProblem) return err;
    throw err;
  }
  throw new Error('expected a failure');
};

describe('console API client', () => {
  it('sends the token and JSON, and parses the answer with the given schema', async () => {
    const server = fakeServer().on('POST', /^\/api\/lists$/, (call) => ({ got: call.body }));
    const api = createConsoleApi({
      settings: signedIn(),
      fetch: server.fetch,
    });
    expect(
      await api.call(
        (s) => s.api.lists.$post({ json: { name: 'a' } }),
        z.object({ got: z.object({ name: z.string() }) }),
      ),
    ).toEqual({ got: { name: 'a' } });
    expect(server.calls[0]).toMatchObject({ auth: 'Bearer tok_1', contentType: 'application/json' });
  });

  it('drops empty query values and encodes the rest', async () => {
    const server = fakeServer().on('GET', /^\/api\/emails$/, () => ({ items: [] }));
    const api = createConsoleApi({ settings: signedIn(), fetch: server.fetch });
    await api.call(
      (s) =>
        s.api.emails.$get({
          query: { status: 'not_sent', reason: undefined, sequenceId: 'a&b', contactId: '' },
        }),
      z.object({ items: z.array(z.unknown()) }),
    );
    expect(server.calls[0]?.query.toString()).toBe('status=not_sent&sequenceId=a%26b');
  });

  it('does not call the server while signed out, and reads a 401 as signed out', async () => {
    const server = fakeServer().on('GET', /^\/api\/me$/, () =>
      reply(401, { error: { code: 'unauthorized', message: 'bad token' } }),
    );
    const out = createConsoleApi({ settings: memorySettings(), fetch: server.fetch });
    expect((await problemOf(out.call(me, z.unknown()))).kind).toBe('signed_out');
    expect(server.calls).toEqual([]);
    const expired = createConsoleApi({ settings: signedIn(), fetch: server.fetch });
    const p = await problemOf(expired.call(me, z.unknown()));
    expect(p.kind).toBe('signed_out');
    expect(p.message).toContain('Sign in again on the Account tab');
  });

  it('turns a 400 into per-field problems in words, and other errors into sentences a rep can act on', async () => {
    const server = fakeServer()
      .on('POST', /^\/api\/mailboxes$/, () =>
        reply(400, {
          error: {
            code: 'validation_failed',
            message: 'settings.port: Too big',
            details: [
              { path: 'settings.port', message: 'Too big: expected number to be <=65535' },
              { path: 'schedule.windows.1.end', message: 'end must be after start' },
            ],
          },
        }),
      )
      .on('POST', /^\/api\/enrollments\/e1\/pause$/, () =>
        reply(409, { error: { code: 'conflict', message: 'a finished enrollment cannot be paused' } }),
      )
      .on('GET', /^\/api\/me$/, () =>
        reply(500, { error: { code: 'internal_error', message: 'something went wrong on the server' } }),
      );
    const api = createConsoleApi({ settings: signedIn(), fetch: server.fetch });

    const invalid = await problemOf(
      api.call((s) => s.api.mailboxes.$post({ json: {} as never }), z.unknown()),
    );
    expect(invalid.message).toBe('2 fields need fixing.');
    expect(invalid.fields.map((f) => [f.label, f.message])).toEqual([
      ['Port', 'Too big: expected number to be <=65535'],
      ['Schedule · Window 2 · End', 'end must be after start'],
    ]);
    expect(invalid.fieldMessage('settings.port')).toBe('Too big: expected number to be <=65535');
    expect(invalid.fieldMessage('schedule')).toBe('end must be after start');

    expect(
      (
        await problemOf(
          api.call(
            (s) => s.api.enrollments[':id'].pause.$post({ param: { id: 'e1' }, json: {} }),
            z.unknown(),
          ),
        )
      ).message,
    ).toBe("That didn't work: a finished enrollment cannot be paused.");
    expect((await problemOf(api.call(me, z.unknown()))).message).toMatch(
      /^The Stride server ran into a problem/,
    );
  });

  it('says when the server cannot be reached or answers in an unexpected shape', async () => {
    const down = createConsoleApi({
      settings: signedIn(),
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
    });
    expect((await problemOf(down.call(me, z.unknown()))).kind).toBe('unreachable');
    const server = fakeServer().on('GET', /^\/api\/me$/, () => ({ id: 42 }));
    const odd = createConsoleApi({ settings: signedIn(), fetch: server.fetch });
    expect((await problemOf(odd.call(me, z.object({ id: z.string() })))).kind).toBe('bad_response');
  });

  it('encodes path parameters and sends a CSV body with its own content type', async () => {
    const server = fakeServer()
      .on('GET', /^\/api\/sequences\/([^/]+)$/, (_call, m) => ({ id: decodeURIComponent(m[1] ?? '') }))
      .on('POST', /^\/api\/contacts\/import$/, (call) => ({ text: call.body }));
    const api = createConsoleApi({ settings: signedIn(), fetch: server.fetch });
    const seq = await api.call(
      (s) => s.api.sequences[':id'].$get({ param: encodeParams({ id: 'a/b?c' }) }),
      z.object({ id: z.string() }),
    );
    expect(seq.id).toBe('a/b?c');
    expect(server.calls[0]?.path).toBe('/api/sequences/a%2Fb%3Fc');
    await api.call((s) => s.api.contacts.import.$post({}, csvBody('email\na@x.test')), z.unknown());
    expect(server.calls[1]).toMatchObject({
      auth: 'Bearer tok_1',
      contentType: 'text/csv; charset=utf-8',
      body: 'email\na@x.test',
    });
  });

  it('labels API paths in words', () => {
    expect(fieldLabel('steps.0.body')).toBe('Step 1 · Body');
    expect(fieldLabel('dailyLimit')).toBe('Daily limit');
    expect(fieldLabel('settings.apiKey')).toBe('API key');
    expect(fieldLabel('(body)')).toBe('Request');
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createConsoleApi } from '../../../extension/ui/console/api-client';
import { ApiProblem, fieldLabel } from '../../../extension/ui/console/api-problem';
import { SETTINGS_KEY } from '../../../shared/schemas/settings';
import { fakeServer, memoryStorage, reply, SERVER } from './fake-server';

const signedIn = () => memoryStorage({ [SETTINGS_KEY]: { serverUrl: SERVER, token: 'tok_1' } });
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
    const server = fakeServer().on('POST', /^\/api\/things$/, (call) => ({ got: call.body }));
    const api = createConsoleApi({
      storage: signedIn(),
      fetch: server.fetch,
      defaultServerUrl: 'http://default.test',
    });
    expect(
      await api.send('POST', '/api/things', { a: 1 }, z.object({ got: z.object({ a: z.number() }) })),
    ).toEqual({
      got: { a: 1 },
    });
    expect(server.calls[0]).toMatchObject({ auth: 'Bearer tok_1', contentType: 'application/json' });
  });

  it('drops empty query values and encodes the rest', async () => {
    const server = fakeServer().on('GET', /^\/api\/emails$/, () => ({ items: [] }));
    const api = createConsoleApi({ storage: signedIn(), fetch: server.fetch, defaultServerUrl: SERVER });
    await api.get('/api/emails', z.object({ items: z.array(z.unknown()) }), {
      status: 'not_sent',
      reason: undefined,
      q: 'a&b',
      sequenceId: '',
    });
    expect(server.calls[0]?.query.toString()).toBe('status=not_sent&q=a%26b');
  });

  it('does not call the server while signed out, and reads a 401 as signed out', async () => {
    const server = fakeServer().on('GET', /^\/api\/me$/, () =>
      reply(401, { error: { code: 'unauthorized', message: 'bad token' } }),
    );
    const out = createConsoleApi({ storage: memoryStorage(), fetch: server.fetch, defaultServerUrl: SERVER });
    expect((await problemOf(out.get('/api/me', z.unknown()))).kind).toBe('signed_out');
    expect(server.calls).toEqual([]);
    const expired = createConsoleApi({ storage: signedIn(), fetch: server.fetch, defaultServerUrl: SERVER });
    const p = await problemOf(expired.get('/api/me', z.unknown()));
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
      .on('GET', /^\/api\/boom$/, () =>
        reply(500, { error: { code: 'internal_error', message: 'something went wrong on the server' } }),
      );
    const api = createConsoleApi({ storage: signedIn(), fetch: server.fetch, defaultServerUrl: SERVER });

    const invalid = await problemOf(api.send('POST', '/api/mailboxes', {}, z.unknown()));
    expect(invalid.message).toBe('2 fields need fixing.');
    expect(invalid.fields.map((f) => [f.label, f.message])).toEqual([
      ['Port', 'Too big: expected number to be <=65535'],
      ['Schedule · Window 2 · End', 'end must be after start'],
    ]);
    expect(invalid.fieldMessage('settings.port')).toBe('Too big: expected number to be <=65535');
    expect(invalid.fieldMessage('schedule')).toBe('end must be after start');

    expect((await problemOf(api.send('POST', '/api/enrollments/e1/pause', {}, z.unknown()))).message).toBe(
      "That didn't work: a finished enrollment cannot be paused.",
    );
    expect((await problemOf(api.get('/api/boom', z.unknown()))).message).toMatch(
      /^The Stride server ran into a problem/,
    );
  });

  it('says when the server cannot be reached or answers in an unexpected shape', async () => {
    const down = createConsoleApi({
      storage: signedIn(),
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
      defaultServerUrl: SERVER,
    });
    expect((await problemOf(down.get('/api/me', z.unknown()))).kind).toBe('unreachable');
    const server = fakeServer().on('GET', /^\/api\/me$/, () => ({ id: 42 }));
    const odd = createConsoleApi({ storage: signedIn(), fetch: server.fetch, defaultServerUrl: SERVER });
    expect((await problemOf(odd.get('/api/me', z.object({ id: z.string() })))).kind).toBe('bad_response');
  });

  it('labels API paths in words', () => {
    expect(fieldLabel('steps.0.body')).toBe('Step 1 · Body');
    expect(fieldLabel('dailyLimit')).toBe('Daily limit');
    expect(fieldLabel('settings.apiKey')).toBe('API key');
    expect(fieldLabel('(body)')).toBe('Request');
  });
});

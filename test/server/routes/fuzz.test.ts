import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

type Operation = { method: string; path: string };

/** Values people and attackers actually send: wrong types, huge strings, odd dates, pollution keys. */
const hostileScalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    '',
    ' ',
    '2026-02-30T25:61:00Z',
    'Mars/Olympus',
    '../../etc/passwd',
    '<script>x</script>',
    'x'.repeat(20_000),
  ),
  fc.constantFrom(
    'active',
    'pause',
    'finish',
    'rep',
    'admin',
    'email',
    'domain',
    'auto_email',
    'replied',
    'sandbox',
    'gmail',
    'DE',
  ),
);
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileScalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 12 }), tie('value'), { maxKeys: 5 }),
  ),
})).value;
const hostileBody = fc.oneof(
  hostileValue,
  fc.dictionary(
    fc.constantFrom(
      'email',
      'name',
      'password',
      'role',
      'steps',
      'contactIds',
      'ids',
      'schedule',
      'ruleset',
      'fields',
      'kind',
      'value',
      'provider',
      'settings',
      'reason',
      'resumeAt',
      'action',
      'messages',
      'host',
      'threadId',
      'from',
      'waitMinutes',
    ),
    hostileValue,
    { maxKeys: 6 },
  ),
  fc.constant('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}'),
  fc.constant('{not json'),
);

describe.each(backends)('every route survives hostile input on %s', (backend) => {
  const t = useTestApp(backend);

  it('never answers 5xx, and every error uses the error envelope', async () => {
    const doc = (await t.call('GET', '/api/openapi.json', { token: null })).body;
    const ops: Operation[] = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
      )
      // Sign-out takes no input and would revoke the tokens every later route is fuzzed with.
      .filter((op) => op.path !== '/api/auth/logout');
    expect(ops.length).toBeGreaterThan(40);
    const rep = await t.createUser('rep');
    const failures: string[] = [];
    for (const op of ops) {
      await fc.assert(
        fc.asyncProperty(
          hostileBody,
          fc.string({ maxLength: 30 }),
          fc.dictionary(
            fc.constantFrom(
              'limit',
              'cursor',
              'email',
              'status',
              'reason',
              'contactId',
              'q',
              'selector',
              'ids',
              'tz',
              'days',
            ),
            fc.string({ maxLength: 30 }),
            { maxKeys: 3 },
          ),
          fc.boolean(),
          async (body, param, query, asRep) => {
            const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(param || 'x'));
            const qs = new URLSearchParams(query).toString();
            const raw = typeof body === 'string' && body.startsWith('{') ? body : JSON.stringify(body);
            const r = await t.call(op.method, `${path}${qs ? `?${qs}` : ''}`, {
              token: asRep ? rep.token : t.adminToken,
              ...(op.method === 'GET' || op.method === 'DELETE'
                ? {}
                : { raw, headers: { 'content-type': 'application/json' } }),
            });
            if (r.status >= 500)
              failures.push(`${op.method} ${path} → ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
            if (r.status >= 400 && r.headers.get('content-type')?.includes('application/json')) {
              expect(r.body?.error?.code, `${op.method} ${path}`).toEqual(expect.any(String));
            }
          },
        ),
        { numRuns: 25, seed: 20261122 },
      );
    }
    expect(failures).toEqual([]);
    // Nothing leaked into Object.prototype along the way.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 600_000);
});

import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as schema from '../../../server/db/schema';
import { BODY_LIMITS, bodyLimitKind } from '../../../server/http/body-limit';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { harness } from '../scheduler/scheduler-harness';

type Operation = { method: string; path: string };

type JsonSchema = Record<string, any>;
interface BodyOperation {
  method: string;
  path: string;
  body: JsonSchema | null;
}

/*
 * Issue 13's hostile inputs on every route of the OpenAPI document, aimed at real rows: NUL bytes and
 * lone surrogates in every string a body takes, bodies just over and just under the route's size
 * limit, and snippet bombs in every template field. No answer may be a 5xx, and every row stored
 * before must be there afterwards, unchanged.
 */

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'a\ud800b';
/** Routes that take a subject and body to check or read them, never to store a template. */
const STORES_NO_TEMPLATE = new Set(['/api/preflight', '/api/threads/observe']);

/** A body shaped as the route's schema asks, every string being `text` (formats kept where easy). */
function sample(
  s: JsonSchema | undefined,
  doc: JsonSchema,
  text: (key: string) => string,
  opts: { onlyRequired?: boolean; key?: string; depth?: number } = {},
): unknown {
  const key = opts.key ?? '';
  const depth = opts.depth ?? 0;
  const deeper = (next: JsonSchema | undefined, k = key) =>
    sample(next, doc, text, { ...opts, key: k, depth: depth + 1 });
  if (!s || depth > 8) return text(key);
  if (s.$ref) return deeper(doc.components?.schemas?.[String(s.$ref).split('/').pop() ?? '']);
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  const options = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (options) return deeper(options.find((o) => o.type !== 'null') ?? options[0]);
  if (s.allOf) return Object.assign({}, ...s.allOf.map((p: JsonSchema) => deeper(p)));
  const type = Array.isArray(s.type) ? s.type.find((x: string) => x !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set<string>(s.required ?? []);
      for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, JsonSchema>)) {
        // Templates always; other optional fields only when every string is to be hostile.
        if (opts.onlyRequired && !required.has(k) && k !== 'subject' && k !== 'body') continue;
        out[k] = deeper(v, k);
      }
      return out;
    }
    case 'array':
      return [deeper(s.items)];
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return s.format === 'email' ? `x${text(key)}@example.test` : text(key);
  }
}

/** JSON with lone surrogates written as escapes, as an attacker would send them (not as UTF-8). */
const asJson = (value: unknown) =>
  JSON.stringify(value).replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

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
    // NUL bytes and lone surrogates (JSON.stringify writes these as \u escapes, as an attacker would).
    'a\u0000b',
    '\u0000',
    'a\ud800b',
    '\udfff',
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
  const t = useTestApp(backend, { now: '2026-11-23T14:00:00Z' });

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
        // Few runs per route: the hostile values above are few, and the next test aims at each route.
        { numRuns: 12, seed: 20261122 },
      );
    }
    expect(failures).toEqual([]);
    // Nothing leaked into Object.prototype along the way.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 600_000);

  async function snapshotTables(): Promise<Map<string, Set<string>>> {
    const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));
    const out = new Map<string, Set<string>>();
    for (const table of tables) {
      const rows = await t.db.database.db.execute(sql`select * from ${table}`);
      const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as unknown[];
      out.set(getTableName(table), new Set(list.map((r) => JSON.stringify(r))));
    }
    return out;
  }

  it('refuses NUL, lone surrogates, huge bodies and snippet bombs aimed at real rows, losing or changing none', async () => {
    const doc = (await t.call('GET', '/api/openapi.json', { token: null })).body as JsonSchema;
    const ops: BodyOperation[] = Object.entries(
      doc.paths as Record<string, Record<string, JsonSchema>>,
    ).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        body: (op.requestBody?.content?.['application/json']?.schema as JsonSchema | undefined) ?? null,
      })),
    );
    expect(ops.length).toBeGreaterThan(40);

    // Real rows for the path parameters, so a refused write would have had something to change.
    const h = await harness(t);
    const mailbox = await h.mailbox();
    const contact = await h.contact();
    const seq = await h.sequence();
    const [enrollment] = await h.enroll(seq.id, [contact], [mailbox]);
    await h.drain();
    const unit = await t.call('POST', '/api/snippets', { body: { name: 'unit', body: 'x'.repeat(2_000) } });
    const hundred = await t.call('POST', '/api/snippets', {
      body: { name: 'hundred', body: '{{snippet.unit}}'.repeat(100) },
    });
    // What the PATCH route aims at: nothing includes it, so renaming it breaks no other snippet.
    const target = await t.call('POST', '/api/snippets', { body: { name: 'target', body: 'Hi' } });
    expect([unit.status, hundred.status, target.status]).toEqual([201, 201, 201]);
    const [email] = await h.emailsOf(enrollment ?? '');
    const rep = await t.createUser('rep');
    const ids: Record<string, string> = {
      contacts: contact,
      sequences: seq.id,
      steps: seq.steps[0]?.id ?? 'x',
      snippets: target.body.id,
      mailboxes: mailbox,
      enrollments: enrollment ?? 'x',
      emails: email?.id ?? 'x',
      users: rep.id,
    };
    const pathFor = (path: string) =>
      path.replace(
        /\/([^/]+)\/\{[^}]+\}/g,
        (_m, segment: string) => `/${segment}/${encodeURIComponent(ids[segment] ?? 'x')}`,
      );

    const before = await snapshotTables();
    expect(before.get('contacts')?.size).toBeGreaterThan(0);
    expect(before.get('snippets')?.size).toBeGreaterThan(2);
    const failures: string[] = [];
    const send = async (op: BodyOperation, raw: string, what: string) => {
      const path = pathFor(op.path);
      const r = await t.call(op.method, path, { raw, headers: { 'content-type': 'application/json' } });
      if (r.status >= 500) failures.push(`${what}: ${op.method} ${path} → ${r.status}`);
      else if (r.status >= 400 && r.headers.get('content-type')?.includes('application/json'))
        expect(r.body?.error?.code, `${what}: ${op.method} ${path}`).toEqual(expect.any(String));
      return r.status;
    };
    const bomb = '{{snippet.hundred}}'.repeat(3);
    // Everything but the templates is ordinary, valid input, so the bomb is what a refusal is about.
    const ordinary: Record<string, string> = {
      timezone: 'Europe/Berlin',
      start: '09:00',
      end: '17:00',
      name: 'plain-words',
    };
    const templateText = (key: string) =>
      key === 'subject' || key === 'body' ? bomb : (ordinary[key] ?? 'plain-words');
    for (const op of ops) {
      // Sign-out would revoke the token every later call uses.
      if (op.path === '/api/auth/logout' || op.method === 'GET' || op.method === 'DELETE') continue;
      // Routes without a JSON body still get hostile text where they read it: in the path.
      if (!op.body) {
        await send(
          { ...op, path: op.path.replace(/\{[^}]+\}/g, encodeURIComponent(NUL)) },
          '{}',
          'NUL in the path',
        );
        continue;
      }
      // A body with no strings at all is a valid request (finish as "replied", switch a flag): it
      // carries nothing hostile, so it only goes to made-up ids, where it must still not fail.
      const hasText = JSON.stringify(sample(op.body, doc, () => '')).includes('""');
      const target = hasText ? op : { ...op, path: op.path.replace(/\{[^}]+\}/g, 'x') };
      const nulStatus = await send(target, asJson(sample(op.body, doc, () => NUL)), 'NUL bytes');
      const surrogateStatus = await send(
        target,
        asJson(sample(op.body, doc, () => LONE_SURROGATE)),
        'lone surrogates',
      );
      if (hasText) {
        expect(nulStatus, `NUL: ${op.method} ${op.path}`).toBeGreaterThanOrEqual(400);
        expect(surrogateStatus, `surrogate: ${op.method} ${op.path}`).toBeGreaterThanOrEqual(400);
      }
      const kind = bodyLimitKind(op.path);
      if (kind) {
        const limit = BODY_LIMITS[kind];
        const shaped = asJson(sample(op.body, doc, () => NUL));
        const pad = (bytes: number) =>
          `${shaped.slice(0, -1)}${' '.repeat(Math.max(0, bytes - shaped.length))}}`;
        expect(await send(target, pad(limit + 1), 'just over the body limit')).toBe(413);
        expect(await send(target, pad(limit - 1024), 'just under the body limit')).not.toBe(413);
      }
      // Snippet bombs go where templates are written (the rest of such a body is ordinary text).
      const bombed = asJson(sample(op.body, doc, templateText, { onlyRequired: true }));
      if (!bombed.includes(bomb)) continue;
      const r = await t.call(op.method, pathFor(op.path), {
        raw: bombed,
        headers: { 'content-type': 'application/json' },
      });
      if (r.status >= 500) failures.push(`snippet bomb: ${op.method} ${op.path} → ${r.status}`);
      // Where a template is stored, the bomb itself is what gets refused, naming the field.
      if (!STORES_NO_TEMPLATE.has(op.path)) {
        expect(r.status, `snippet bomb: ${op.method} ${op.path}`).toBe(400);
        expect(r.body.error.details[0], `snippet bomb: ${op.method} ${op.path}`).toEqual({
          path: expect.stringMatching(/(^|\.)(subject|body)$/),
          message: expect.stringMatching(/once its snippets are filled in/),
        });
      }
    }
    expect(failures).toEqual([]);

    const after = await snapshotTables();
    const changed: string[] = [];
    for (const [table, rows] of before) {
      const now = after.get(table) ?? new Set<string>();
      for (const row of rows) {
        if (now.has(row)) continue;
        const old = JSON.parse(row);
        const twin = [...now].map((r) => JSON.parse(r)).find((r) => r.id === old.id);
        const diff = twin
          ? Object.keys(old).filter((k) => JSON.stringify(old[k]) !== JSON.stringify(twin[k]))
          : ['(gone)'];
        changed.push(
          `${table} ${old.id}: ${diff.map((k) => `${k}=${JSON.stringify(twin?.[k])?.slice(0, 80)}`).join(', ')}`,
        );
      }
    }
    expect(changed).toEqual([]);
  }, 120_000);
});

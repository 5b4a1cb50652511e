import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

/** API.md: every collection GET takes limit (1–1000, default 100) and cursor, and answers {items, nextCursor?}. */
const LISTS = [
  '/api/users',
  '/api/accounts',
  '/api/contacts',
  '/api/blocklist',
  '/api/snippets',
  '/api/lists',
  '/api/mailboxes',
  '/api/sequences',
  '/api/enrollments',
  '/api/emails',
  '/api/tasks',
];

describe.each(backends)('list routes keep the collection contract on %s', (backend) => {
  const t = useTestApp(backend);

  it('pages with limit and cursor, and refuses a limit outside 1–1000', async () => {
    // Two of each kind where the API can create them, so limit=1 must produce a next page.
    for (const n of [1, 2]) {
      await t.call('POST', '/api/accounts', { body: { name: `Acct ${n}`, domain: `acct${n}.test` } });
      await t.call('POST', '/api/contacts', { body: { email: `p${n}@list.test` } });
      await t.call('POST', '/api/blocklist', { body: { kind: 'email', value: `b${n}@list.test` } });
      await t.call('POST', '/api/snippets', { body: { name: `s${n}`, body: 'x' } });
      await t.call('POST', '/api/lists', { body: { name: `List ${n}` } });
      await t.call('POST', '/api/sequences', { body: { name: `Seq ${n}`, steps: [] } });
      await t.createUser('rep');
    }
    for (const path of LISTS) {
      const first = await t.call('GET', `${path}?limit=1`);
      expect(first.status, path).toBe(200);
      expect(Array.isArray(first.body.items), path).toBe(true);
      expect(first.body.items.length, path).toBeLessThanOrEqual(1);
      if (
        [
          '/api/users',
          '/api/accounts',
          '/api/contacts',
          '/api/blocklist',
          '/api/snippets',
          '/api/lists',
          '/api/sequences',
        ].includes(path)
      ) {
        expect(first.body.nextCursor, path).toEqual(expect.any(String));
        const second = await t.call(
          'GET',
          `${path}?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`,
        );
        expect(second.status, path).toBe(200);
        expect(second.body.items[0]?.id, path).not.toBe(first.body.items[0]?.id);
      }
      for (const bad of ['0', '1001', 'ten']) {
        const r = await t.call('GET', `${path}?limit=${bad}`);
        expect(r.status, `${path}?limit=${bad}`).toBe(400);
        expect(r.body.error.details[0].path, path).toBe('limit');
      }
    }
  });
});

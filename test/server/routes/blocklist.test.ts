import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

describe.each(backends)('blocklist routes (%s)', (backend) => {
  const t = useTestApp(backend);
  let rep: { id: string; token: string };

  beforeAll(async () => {
    rep = await t.createUser('rep');
  });

  it('adds entries lower-cased; adding the same one again returns the existing entry with 200', async () => {
    const first = await t.call('POST', '/api/blocklist', {
      token: rep.token,
      body: { kind: 'email', value: 'No.Thanks@Example.com' },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: 'email', value: 'no.thanks@example.com' });
    const again = await t.call('POST', '/api/blocklist', {
      body: { kind: 'email', value: 'no.thanks@EXAMPLE.com' },
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const domain = await t.call('POST', '/api/blocklist', {
      body: { kind: 'domain', value: ' Competitor.Example ' },
    });
    expect(domain.status).toBe(201);
    expect(domain.body.value).toBe('competitor.example');
    // The same text as another kind is a different entry.
    const asDomain = await t.call('POST', '/api/blocklist', {
      body: { kind: 'domain', value: 'example.com' },
    });
    expect(asDomain.status).toBe(201);
    const rows = await t.db.database.query<{ n: number }>(
      "select count(*)::int as n from blocklist where value = 'no.thanks@example.com'",
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('validates kind and value', async () => {
    const cases = [
      { kind: 'email', value: 'not an address' },
      { kind: 'domain', value: 'http://x.example/path' },
      { kind: 'phone', value: '+1 555' },
      { kind: 'email' },
      { kind: 'email', value: 'a@b.example', note: 'x' },
    ];
    for (const body of cases) {
      const r = await t.call('POST', '/api/blocklist', { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
      expect(r.body.error.details.length).toBeGreaterThan(0);
    }
  });

  it('lists with filters and pages, and lets only admins remove entries', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1000);
      ids.push(
        (await t.call('POST', '/api/blocklist', { body: { kind: 'domain', value: `page${i}.example` } })).body
          .id,
      );
    }
    const byValue = await t.call('GET', '/api/blocklist?value=PAGE1.example', { token: rep.token });
    expect(byValue.body.items.map((e: any) => e.id)).toEqual([ids[1]]);
    const domains = await t.call('GET', '/api/blocklist?kind=domain&limit=100');
    expect(domains.body.items.every((e: any) => e.kind === 'domain')).toBe(true);
    const p1 = await t.call('GET', '/api/blocklist?limit=2');
    const p2 = await t.call('GET', `/api/blocklist?limit=2&cursor=${p1.body.nextCursor}`);
    expect(p1.body.items).toHaveLength(2);
    expect(p2.body.items.map((e: any) => e.id)).not.toContain(p1.body.items[0].id);

    const byRep = await t.call('DELETE', `/api/blocklist/${ids[0]}`, { token: rep.token });
    expect(byRep.status).toBe(403);
    const removed = await t.call('DELETE', `/api/blocklist/${ids[0]}`);
    expect(removed.status).toBe(204);
    expect((await t.call('DELETE', `/api/blocklist/${ids[0]}`)).status).toBe(404);
    expect((await t.call('GET', '/api/blocklist?value=page0.example')).body.items).toEqual([]);
    const history = await t.db.database.query<{ kind: string }>(
      "select kind from activities where data->>'blocklistId' = $1 order by created_at",
      [ids[0]],
    );
    expect(history.map((h) => h.kind)).toEqual(['blocklist_added', 'blocklist_removed']);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

describe.each(backends)('snippets routes (%s)', (backend) => {
  const t = useTestApp(backend);
  let rep: { id: string; token: string };
  let otherRep: { id: string; token: string };

  beforeAll(async () => {
    rep = await t.createUser('rep');
    otherRep = await t.createUser('rep');
  });

  it('creates, reads, renames and deletes a snippet', async () => {
    const created = await t.call('POST', '/api/snippets', {
      token: rep.token,
      body: { name: 'intro', body: 'Hi {{firstName | "there"}}, I lead sales at {{sender.name}}.' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'intro', ownerId: rep.id });
    expect(await t.call('GET', `/api/snippets/${created.body.id}`, { token: otherRep.token })).toMatchObject({
      status: 200,
      body: created.body,
    });
    t.clock.advance(1000);
    const renamed = await t.call('PATCH', `/api/snippets/${created.body.id}`, {
      token: rep.token,
      body: { name: 'intro_v2' },
    });
    expect(renamed.body).toMatchObject({
      name: 'intro_v2',
      body: created.body.body,
      updatedAt: '2026-11-23T09:00:01.000Z',
    });
    const found = await t.call('GET', '/api/snippets?name=intro_v2');
    expect(found.body.items.map((s: any) => s.id)).toEqual([created.body.id]);
    expect((await t.call('DELETE', `/api/snippets/${created.body.id}`, { token: rep.token })).status).toBe(
      204,
    );
    expect((await t.call('GET', `/api/snippets/${created.body.id}`)).status).toBe(404);
  });

  it('keeps names unique in the team: 409 on create and on rename', async () => {
    const a = await t.call('POST', '/api/snippets', { body: { name: 'cta', body: 'Worth a chat?' } });
    const dup = await t.call('POST', '/api/snippets', {
      token: rep.token,
      body: { name: 'cta', body: 'Other' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'conflict', details: { snippetId: a.body.id } });
    const b = await t.call('POST', '/api/snippets', { body: { name: 'cta2', body: 'x' } });
    const clash = await t.call('PATCH', `/api/snippets/${b.body.id}`, { body: { name: 'cta' } });
    expect(clash.status).toBe(409);
    // Names are case-sensitive, as {{snippet.NAME}} is.
    expect((await t.call('POST', '/api/snippets', { body: { name: 'CTA', body: 'y' } })).status).toBe(201);
  });

  it('refuses bodies that are not valid templates, with positions', async () => {
    const bad = await t.call('POST', '/api/snippets', {
      body: { name: 'broken', body: 'Hi {{frstName}} and {{ }}' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_template');
    expect(bad.body.error.details).toEqual([
      { path: 'body', message: expect.stringContaining('{{frstName}}'), index: 3 },
      { path: 'body', message: expect.stringContaining('Empty tag'), index: 20 },
    ]);
    const ok = await t.call('POST', '/api/snippets', { body: { name: 'ok', body: 'Hello {{fields.Team}}' } });
    const badPatch = await t.call('PATCH', `/api/snippets/${ok.body.id}`, {
      body: { body: 'Unclosed {{firstName' },
    });
    expect(badPatch.status).toBe(400);
    expect((await t.call('GET', `/api/snippets/${ok.body.id}`)).body.body).toBe('Hello {{fields.Team}}');
    for (const body of [
      { name: 'has space', body: 'x' },
      { name: 'x' },
      { name: 'x', body: 'y', extra: true },
      { name: 'x'.repeat(101), body: 'y' },
    ]) {
      const r = await t.call('POST', '/api/snippets', { body });
      expect(r.status, JSON.stringify(body).slice(0, 50)).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
    }
    expect((await t.call('GET', '/api/snippets?name=broken')).body.items).toEqual([]);
  });

  it("lets only the owner or an admin change someone's snippet", async () => {
    const mine = await t.call('POST', '/api/snippets', {
      token: rep.token,
      body: { name: 'ps', body: 'P.S. hi' },
    });
    const edit = await t.call('PATCH', `/api/snippets/${mine.body.id}`, {
      token: otherRep.token,
      body: { body: 'hacked' },
    });
    expect(edit.status).toBe(403);
    expect((await t.call('DELETE', `/api/snippets/${mine.body.id}`, { token: otherRep.token })).status).toBe(
      403,
    );
    const byAdmin = await t.call('PATCH', `/api/snippets/${mine.body.id}`, { body: { body: 'P.S. hello' } });
    expect(byAdmin.body.body).toBe('P.S. hello');
    expect((await t.call('PATCH', '/api/snippets/snp_nope', { body: { body: 'x' } })).status).toBe(404);
  });

  it('pages the list', async () => {
    const p1 = await t.call('GET', '/api/snippets?limit=2');
    expect(p1.body.items).toHaveLength(2);
    const p2 = await t.call('GET', `/api/snippets?limit=2&cursor=${p1.body.nextCursor}`);
    const all = await t.call('GET', '/api/snippets');
    expect([...p1.body.items, ...p2.body.items].map((s: any) => s.id)).toEqual(
      all.body.items.slice(0, p1.body.items.length + p2.body.items.length).map((s: any) => s.id),
    );
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

describe.each(backends)('lists routes (%s)', (backend) => {
  const t = useTestApp(backend);
  let rep: { id: string; token: string };
  let otherRep: { id: string; token: string };
  const contactIds: string[] = [];
  let othersContact: string;

  beforeAll(async () => {
    rep = await t.createUser('rep');
    otherRep = await t.createUser('rep');
    for (let i = 0; i < 4; i++) {
      t.clock.advance(1000);
      const c = await t.call('POST', '/api/contacts', {
        body: { email: `member${i}@example.com`, ownerId: rep.id },
      });
      contactIds.push(c.body.id);
    }
    othersContact = (
      await t.call('POST', '/api/contacts', { body: { email: 'hidden@example.com', ownerId: otherRep.id } })
    ).body.id;
  });

  it('creates a list, adds members idempotently and reports unknown or hidden ids', async () => {
    const list = await t.call('POST', '/api/lists', { token: rep.token, body: { name: 'Q4 targets' } });
    expect(list.status).toBe(201);
    expect(list.body).toMatchObject({ name: 'Q4 targets', ownerId: rep.id, memberCount: 0 });
    const add = await t.call('POST', `/api/lists/${list.body.id}/members`, {
      token: rep.token,
      body: { contactIds: [contactIds[0], contactIds[1], contactIds[1], 'con_missing', othersContact] },
    });
    expect(add.status).toBe(200);
    expect(add.body).toEqual({ added: 2, alreadyMembers: 0, notFound: ['con_missing', othersContact] });
    const again = await t.call('POST', `/api/lists/${list.body.id}/members`, {
      token: rep.token,
      body: { contactIds: contactIds.slice(0, 3) },
    });
    expect(again.body).toEqual({ added: 1, alreadyMembers: 2, notFound: [] });
    expect((await t.call('GET', `/api/lists/${list.body.id}`, { token: rep.token })).body.memberCount).toBe(
      3,
    );
  });

  it('pages members as contacts and shows each user only the members they may see', async () => {
    const list = await t.call('POST', '/api/lists', { body: { name: 'Mixed' } });
    await t.call('POST', `/api/lists/${list.body.id}/members`, {
      body: { contactIds: [...contactIds, othersContact] },
    });
    const p1 = await t.call('GET', `/api/lists/${list.body.id}/members?limit=3`, { token: rep.token });
    expect(p1.body.items.map((c: any) => c.id)).toEqual(contactIds.slice(0, 3));
    expect(p1.body.items[0]).toMatchObject({ email: 'member0@example.com', ownerId: rep.id });
    const p2 = await t.call(
      'GET',
      `/api/lists/${list.body.id}/members?limit=3&cursor=${p1.body.nextCursor}`,
      { token: rep.token },
    );
    expect(p2.body.items.map((c: any) => c.id)).toEqual([contactIds[3]]);
    expect(p2.body.nextCursor).toBeUndefined();
    const asAdmin = await t.call('GET', `/api/lists/${list.body.id}/members`);
    expect(asAdmin.body.items).toHaveLength(5);
    expect((await t.call('GET', `/api/lists/${list.body.id}`)).body.memberCount).toBe(5);
    expect((await t.call('GET', `/api/lists/${list.body.id}`, { token: rep.token })).body.memberCount).toBe(
      4,
    );
  });

  it('lists the team lists and answers 404 and 400 where due', async () => {
    const all = await t.call('GET', '/api/lists', { token: otherRep.token });
    expect(all.body.items.map((l: any) => l.name)).toEqual(expect.arrayContaining(['Q4 targets', 'Mixed']));
    const p1 = await t.call('GET', '/api/lists?limit=1');
    const p2 = await t.call('GET', `/api/lists?limit=1&cursor=${p1.body.nextCursor}`);
    expect(p2.body.items[0].id > p1.body.items[0].id).toBe(true);
    expect((await t.call('GET', '/api/lists/lst_nope')).status).toBe(404);
    expect((await t.call('GET', '/api/lists/lst_nope/members')).status).toBe(404);
    const addToMissing = await t.call('POST', '/api/lists/lst_nope/members', {
      body: { contactIds: [contactIds[0]] },
    });
    expect(addToMissing.status).toBe(404);
    for (const body of [{}, { name: '' }, { name: 'x', extra: 1 }]) {
      expect((await t.call('POST', '/api/lists', { body })).status).toBe(400);
    }
    const list = all.body.items[0].id;
    for (const body of [{ contactIds: [] }, { contactIds: 'con_1' }, { contactIds: [''] }]) {
      const r = await t.call('POST', `/api/lists/${list}/members`, { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.details[0].path).toMatch(/^contactIds/);
    }
  });
});

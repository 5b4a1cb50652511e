import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

describe.each(backends)('accounts routes (%s)', (backend) => {
  const t = useTestApp(backend);
  let rep: { id: string; token: string };
  let otherRep: { id: string; token: string };

  const seqOf = async (id: string) =>
    Number(
      (
        await t.db.database.query<{ s: string }>('select change_seq::text as s from accounts where id = $1', [
          id,
        ])
      )[0]?.s,
    );

  beforeAll(async () => {
    rep = await t.createUser('rep');
    otherRep = await t.createUser('rep');
  });

  it('creates, reads and patches an account; PATCH bumps changeSeq and records history', async () => {
    const created = await t.call('POST', '/api/accounts', {
      body: { name: 'Acme Corp', domain: 'ACME.example', stage: 'Prospect', ownerId: rep.id },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Acme Corp',
      domain: 'acme.example',
      stage: 'Prospect',
      ownerId: rep.id,
    });
    expect(await t.call('GET', `/api/accounts/${created.body.id}`)).toMatchObject({
      status: 200,
      body: created.body,
    });
    const seq0 = await seqOf(created.body.id);
    t.clock.advance(5000);
    const patched = await t.call('PATCH', `/api/accounts/${created.body.id}`, {
      body: { stage: 'Customer', domain: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      stage: 'Customer',
      domain: null,
      updatedAt: '2026-11-23T09:00:05.000Z',
    });
    expect(await seqOf(created.body.id)).toBeGreaterThan(seq0);
    expect(await t.call('GET', `/api/accounts/${created.body.id}`)).toMatchObject({ body: patched.body });
    const kinds = await t.db.database.query<{ kind: string }>(
      "select kind from activities where data->>'accountId' = $1 order by created_at",
      [created.body.id],
    );
    expect(kinds.map((k) => k.kind)).toEqual(['account_created', 'account_updated']);
  });

  it('keeps one account per domain: 409 naming the existing one', async () => {
    const first = await t.call('POST', '/api/accounts', {
      body: { name: 'Umbrella', domain: 'umbrella.example' },
    });
    const again = await t.call('POST', '/api/accounts', {
      body: { name: 'Umbrella 2', domain: 'Umbrella.example' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual({ accountId: first.body.id });
    const other = await t.call('POST', '/api/accounts', { body: { name: 'Other' } });
    const clash = await t.call('PATCH', `/api/accounts/${other.body.id}`, {
      body: { domain: 'umbrella.example' },
    });
    expect(clash.status).toBe(409);
  });

  it('requires the owner to be a user of the team; reps may not assign others', async () => {
    const bad = await t.call('POST', '/api/accounts', {
      body: { name: 'Nobody Inc', ownerId: 'usr_missing' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'ownerId', message: 'no such user in your team' }]);
    const byRep = await t.call('POST', '/api/accounts', {
      token: rep.token,
      body: { name: 'Rep Co', ownerId: otherRep.id },
    });
    expect(byRep.status).toBe(403);
    const own = await t.call('POST', '/api/accounts', {
      token: rep.token,
      body: { name: 'Rep Co', ownerId: rep.id },
    });
    expect(own.status).toBe(201);
    const steal = await t.call('PATCH', `/api/accounts/${own.body.id}`, {
      token: otherRep.token,
      body: { ownerId: otherRep.id },
    });
    expect(steal.status).toBe(403);
    const renamed = await t.call('PATCH', `/api/accounts/${own.body.id}`, {
      token: otherRep.token,
      body: { name: 'Rep Co 2' },
    });
    expect(renamed.body.name).toBe('Rep Co 2');
  });

  it('validates input and answers 404 for unknown ids', async () => {
    for (const body of [
      {},
      { name: '' },
      { name: 'x', domain: 'not a domain' },
      { name: 'x', extra: 1 },
      { name: 7 },
    ]) {
      const r = await t.call('POST', '/api/accounts', { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
      expect(r.body.error.details.length).toBeGreaterThan(0);
    }
    expect((await t.call('GET', '/api/accounts/acc_nope')).status).toBe(404);
    expect((await t.call('PATCH', '/api/accounts/acc_nope', { body: { name: 'y' } })).status).toBe(404);
  });

  it('lists with q and domain filters and two pages', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1000);
      const r = await t.call('POST', '/api/accounts', {
        body: { name: `Paged ${i}`, domain: `paged${i}.example` },
      });
      ids.push(r.body.id);
    }
    const byDomain = await t.call('GET', '/api/accounts?domain=PAGED1.example');
    expect(byDomain.body.items.map((a: any) => a.id)).toEqual([ids[1]]);
    const p1 = await t.call('GET', '/api/accounts?q=paged&limit=2');
    expect(p1.body.items.map((a: any) => a.id)).toEqual(ids.slice(0, 2));
    const p2 = await t.call('GET', `/api/accounts?q=paged&limit=2&cursor=${p1.body.nextCursor}`);
    expect(p2.body.items.map((a: any) => a.id)).toEqual(ids.slice(2));
    expect(p2.body.nextCursor).toBeUndefined();
    // Accounts are shared by the team: a rep sees them all.
    const asRep = await t.call('GET', '/api/accounts?q=paged', { token: rep.token });
    expect(asRep.body.items).toHaveLength(3);
  });
});

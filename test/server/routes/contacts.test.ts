import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

describe.each(backends)('contacts routes (%s)', (backend) => {
  const t = useTestApp(backend);
  let repA: { id: string; token: string };
  let repB: { id: string; token: string };

  const seqOf = async (id: string) =>
    Number(
      (
        await t.db.database.query<{ s: string }>('select change_seq::text as s from contacts where id = $1', [
          id,
        ])
      )[0]?.s,
    );
  const activities = (contactId: string) =>
    t.db.database.query<{ kind: string; data: any; actor_id: string }>(
      'select kind, data, actor_id from activities where contact_id = $1 order by id',
      [contactId],
    );

  beforeAll(async () => {
    repA = await t.createUser('rep', 'Rep A');
    repB = await t.createUser('rep', 'Rep B');
  });

  it('creates a contact and returns it as GET does, and finds it by email case-insensitively', async () => {
    const created = await t.call('POST', '/api/contacts', {
      body: {
        email: 'Ada.Lovelace@Analytical.example',
        firstName: 'Ada',
        lastName: 'Lovelace',
        timezone: 'Europe/London',
        country: 'gb',
        emailStatus: 'verified',
        fields: { 'LinkedIn URL': 'https://linkedin.example/ada' },
        prospectScore: 80,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'Ada.Lovelace@Analytical.example',
      country: 'GB',
      ownerId: null,
      accountId: null,
      jobChangeDetected: false,
      unsubscribed: false,
      bounced: false,
      createdAt: '2026-11-23T09:00:00.000Z',
    });
    const got = await t.call('GET', `/api/contacts/${created.body.id}`);
    expect(got).toMatchObject({ status: 200, body: created.body });

    const found = await t.call('GET', '/api/contacts?email=ada.lovelace%40ANALYTICAL.example');
    expect(found.status).toBe(200);
    expect(found.body.items.map((c: any) => c.id)).toEqual([created.body.id]);
    expect((await t.call('GET', '/api/contacts?email=ada%40analytical.example')).body.items).toEqual([]);
    expect((await activities(created.body.id)).map((a) => a.kind)).toEqual(['contact_created']);
  });

  it('refuses a second contact with the same email in any case: 409 naming the existing one (the admin sees it)', async () => {
    const first = await t.call('POST', '/api/contacts', { body: { email: 'dup@example.com' } });
    const again = await t.call('POST', '/api/contacts', {
      body: { email: 'DUP@Example.COM', firstName: 'X' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'conflict', details: { contactId: first.body.id } });
    const other = await t.call('POST', '/api/contacts', { body: { email: 'other@example.com' } });
    const clash = await t.call('PATCH', `/api/contacts/${other.body.id}`, {
      body: { email: 'Dup@example.com' },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.details).toEqual({ contactId: first.body.id });
  });

  it('links a new contact to the account with its email domain unless accountId is given', async () => {
    const account = await t.call('POST', '/api/accounts', {
      body: { name: 'Globex', domain: 'globex.example' },
    });
    const linked = await t.call('POST', '/api/contacts', { body: { email: 'hank@GLOBEX.example' } });
    expect(linked.body).toMatchObject({ accountId: account.body.id, company: 'Globex' });
    const own = await t.call('POST', '/api/contacts', {
      body: { email: 'x@globex.example', company: 'Own Co' },
    });
    expect(own.body).toMatchObject({ accountId: account.body.id, company: 'Own Co' });
    const notLinked = await t.call('POST', '/api/contacts', {
      body: { email: 'y@globex.example', accountId: null },
    });
    expect(notLinked.body.accountId).toBeNull();
    const moved = await t.call('PATCH', `/api/contacts/${notLinked.body.id}`, {
      body: { email: 'y2@globex.example' },
    });
    expect(moved.body.accountId).toBe(account.body.id);
    const unknown = await t.call('POST', '/api/contacts', { body: { accountId: 'acc_nope' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([
      { path: 'accountId', message: 'no such account in your team' },
    ]);
  });

  it('patches fields, bumps changeSeq on every write and records what changed', async () => {
    const c = await t.call('POST', '/api/contacts', {
      body: { email: 'grace@navy.example', emailStatus: 'verified', fields: { a: '1', b: '2' } },
    });
    const seq0 = await seqOf(c.body.id);
    t.clock.advance(60_000);
    const p = await t.call('PATCH', `/api/contacts/${c.body.id}`, {
      body: { jobChangeDetected: true, title: 'Rear Admiral', fields: { b: '3' }, stage: 'Interested' },
    });
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({
      jobChangeDetected: true,
      title: 'Rear Admiral',
      fields: { b: '3' },
      stage: 'Interested',
      emailStatus: 'verified',
      updatedAt: '2026-11-23T09:01:00.000Z',
      createdAt: c.body.createdAt,
    });
    expect(await t.call('GET', `/api/contacts/${c.body.id}`)).toMatchObject({ body: p.body });
    const seq1 = await seqOf(c.body.id);
    expect(seq1).toBeGreaterThan(seq0);

    t.clock.advance(1000);
    const newAddress = await t.call('PATCH', `/api/contacts/${c.body.id}`, {
      body: { email: 'grace@new.example' },
    });
    expect(newAddress.body.emailStatus).toBe('unverified');
    expect(await seqOf(c.body.id)).toBeGreaterThan(seq1);

    // A patch that changes nothing writes nothing.
    const seq2 = await seqOf(c.body.id);
    const same = await t.call('PATCH', `/api/contacts/${c.body.id}`, { body: { title: 'Rear Admiral' } });
    expect(same.status).toBe(200);
    expect(await seqOf(c.body.id)).toBe(seq2);
    const history = await activities(c.body.id);
    expect(history.map((a) => a.kind)).toEqual(['contact_created', 'contact_updated', 'contact_updated']);
    expect(history[1]?.data.changed).toEqual(
      expect.arrayContaining(['jobChangeDetected', 'title', 'fields', 'stage']),
    );
  });

  it('records owner_changed when the owner changes; only admins hand contacts to someone else', async () => {
    const c = await t.call('POST', '/api/contacts', { token: repA.token, body: { email: 'own@a.example' } });
    expect(c.body.ownerId).toBeNull();
    const claimed = await t.call('PATCH', `/api/contacts/${c.body.id}`, {
      token: repA.token,
      body: { ownerId: repA.id },
    });
    expect(claimed.body.ownerId).toBe(repA.id);
    t.clock.advance(1000);
    const give = await t.call('PATCH', `/api/contacts/${c.body.id}`, {
      token: repA.token,
      body: { ownerId: repB.id },
    });
    expect(give.status).toBe(403);
    const byAdmin = await t.call('PATCH', `/api/contacts/${c.body.id}`, { body: { ownerId: repB.id } });
    expect(byAdmin.body.ownerId).toBe(repB.id);
    const changes = (await activities(c.body.id))
      .filter((a) => a.kind === 'owner_changed')
      .map((a) => a.data);
    expect(changes).toEqual([
      { from: null, to: repA.id },
      { from: repA.id, to: repB.id },
    ]);
    const stranger = await t.call('POST', '/api/contacts', { body: { ownerId: 'usr_not_here' } });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.details[0].path).toBe('ownerId');
    const forOther = await t.call('POST', '/api/contacts', { token: repA.token, body: { ownerId: repB.id } });
    expect(forOther.status).toBe(403);
  });

  it('shows reps their own and unowned contacts only; others answer 404', async () => {
    const mine = await t.call('POST', '/api/contacts', {
      body: { email: 'vis-a@example.com', ownerId: repA.id },
    });
    const theirs = await t.call('POST', '/api/contacts', {
      body: { email: 'vis-b@example.com', ownerId: repB.id },
    });
    const pool = await t.call('POST', '/api/contacts', { body: { email: 'vis-pool@example.com' } });
    expect((await t.call('GET', `/api/contacts/${mine.body.id}`, { token: repA.token })).status).toBe(200);
    expect((await t.call('GET', `/api/contacts/${pool.body.id}`, { token: repA.token })).status).toBe(200);
    const hidden = await t.call('GET', `/api/contacts/${theirs.body.id}`, { token: repA.token });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('not_found');
    const patch = await t.call('PATCH', `/api/contacts/${theirs.body.id}`, {
      token: repA.token,
      body: { title: 'x' },
    });
    expect(patch.status).toBe(404);
    const byEmail = await t.call('GET', '/api/contacts?email=vis-b%40example.com', { token: repA.token });
    expect(byEmail.body.items).toEqual([]);
    const listed = await t.call('GET', '/api/contacts?q=vis-', { token: repA.token });
    expect(listed.body.items.map((c: any) => c.id).sort()).toEqual([mine.body.id, pool.body.id].sort());
    expect((await t.call('GET', '/api/contacts?q=vis-')).body.items).toHaveLength(3);
    expect((await t.call('GET', '/api/contacts/con_nope')).status).toBe(404);
    expect((await t.call('GET', `/api/contacts/${mine.body.id}`, { token: null })).status).toBe(401);
  });

  it('looks contacts up by ids in one call: hidden and unknown ids are simply absent', async () => {
    const make = async (email: string, ownerId: string | null) =>
      (await t.call('POST', '/api/contacts', { body: { email, ownerId } })).body.id as string;
    const mine = await make('ids-a@example.com', repA.id);
    const pool = await make('ids-pool@example.com', null);
    const theirs = await make('ids-b@example.com', repB.id);
    const ids = (q: string, token = repA.token) =>
      t.call('GET', `/api/contacts?${q}`, { token }).then((r) => {
        expect(r.status, q.slice(0, 60)).toBe(200);
        return r.body.items.map((c: { id: string }) => c.id);
      });

    const asked = [theirs, 'con_nope', pool, mine, mine].join(',');
    expect(await ids(`ids=${asked}`)).toEqual([mine, pool].sort());
    expect(await ids(`ids=${asked}`, t.adminToken)).toEqual([mine, pool, theirs].sort());
    expect(await ids(`ids=${encodeURIComponent(` ${mine} , ,${pool}`)}`)).toEqual([mine, pool].sort());
    // Combines with the other filters and with paging.
    expect(await ids(`ids=${asked}&ownerId=${repA.id}`)).toEqual([mine]);
    const first = await t.call('GET', `/api/contacts?ids=${asked}&limit=1`, { token: t.adminToken });
    expect(first.body.items).toHaveLength(1);
    const rest = await ids(`ids=${asked}&limit=5&cursor=${first.body.nextCursor}`, t.adminToken);
    expect([first.body.items[0].id, ...rest]).toEqual([mine, pool, theirs].sort());

    const tooMany = Array.from({ length: 501 }, (_, i) => `con_${i}`).join(',');
    const refused: Array<[string, string]> = [
      ['ids=', 'ids'],
      ['ids=,,', 'ids'],
      [`ids=${tooMany}`, 'ids'],
      [`ids=${'x'.repeat(101)}`, 'ids.0'],
    ];
    for (const [q, path] of refused) {
      const r = await t.call('GET', `/api/contacts?${q}`, { token: repA.token });
      expect(r.status, q.slice(0, 40)).toBe(400);
      expect(r.body.error.details[0].path).toBe(path);
    }
    const most = Array.from({ length: 499 }, (_, i) => `con_${i}`);
    expect(await ids(`ids=${[...most, mine].join(',')}`)).toEqual([mine]);
  });

  it('filters by q, ownerId, stage and accountId and pages with the cursor', async () => {
    const acct = await t.call('POST', '/api/accounts', {
      body: { name: 'Initech', domain: 'initech.example' },
    });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await t.call('POST', '/api/contacts', {
        body: {
          email: `peter${i}@initech.example`,
          firstName: 'Peter',
          lastName: `Gibbons${i}`,
          stage: i % 2 === 0 ? 'Cold' : 'Warm',
          ownerId: i < 2 ? repB.id : null,
        },
      });
      ids.push(r.body.id);
    }
    // Ids sort by creation time, but five made in the same fake millisecond sort at random.
    const sorted = [...ids].sort();
    const list = (qs: string) => t.call('GET', `/api/contacts?${qs}`);
    expect((await list('q=peter%20gibbons3')).body.items.map((c: any) => c.id)).toEqual([ids[3]]);
    const owned = (await list(`ownerId=${repB.id}&q=gibbons`)).body.items.map((c: any) => c.id);
    expect(owned).toEqual(ids.slice(0, 2).sort());
    const warm = (await list('stage=Warm&q=gibbons')).body.items.map((c: any) => c.id);
    expect(warm).toEqual([ids[1], ids[3]].sort());
    expect((await list(`accountId=${acct.body.id}`)).body.items).toHaveLength(5);
    expect((await list('q=100%25')).body.items).toEqual([]);

    const first = await list(`accountId=${acct.body.id}&limit=3`);
    expect(first.body.items.map((c: any) => c.id)).toEqual(sorted.slice(0, 3));
    expect(first.body.nextCursor).toBe(sorted[2]);
    const second = await list(`accountId=${acct.body.id}&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((c: any) => c.id)).toEqual(sorted.slice(3));
    expect(second.body.nextCursor).toBeUndefined();
    expect((await list('limit=0')).status).toBe(400);
    expect((await list('limit=1001')).status).toBe(400);
  });

  it('refuses bad input with 400 and details, changing nothing', async () => {
    const c = await t.call('POST', '/api/contacts', {
      body: { email: 'valid@example.com', firstName: 'Val' },
    });
    const before = await t.call('GET', `/api/contacts/${c.body.id}`);
    const count = async () =>
      Number((await t.db.database.query<{ n: number }>('select count(*)::int as n from contacts'))[0]?.n);
    const n0 = await count();
    const cases: Array<[unknown, string]> = [
      [{ timezone: 'Mars/Olympus' }, 'timezone'],
      [{ country: 'DEU' }, 'country'],
      [{ emailStatus: 'probably' }, 'emailStatus'],
      [{ firstName: 'x'.repeat(201) }, 'firstName'],
      [{ personalizedOpener: 'x'.repeat(5001) }, 'personalizedOpener'],
      [{ fields: { note: 'x'.repeat(10_001) } }, 'fields.note'],
      [{ firstName: 5 }, 'firstName'],
      [{ email: 'not-an-email' }, 'email'],
      [{ prospectScore: '90' }, 'prospectScore'],
      [{ fields: ['a'] }, 'fields'],
      [{ nickname: 'Al' }, '(body)'],
    ];
    for (const [body, path] of cases) {
      for (const [method, url] of [
        ['POST', '/api/contacts'],
        ['PATCH', `/api/contacts/${c.body.id}`],
      ] as const) {
        const r = await t.call(method, url, { body });
        expect(r.status, `${method} ${JSON.stringify(body).slice(0, 60)}`).toBe(400);
        expect(r.body.error.code).toBe('validation_failed');
        expect(r.body.error.details.map((d: any) => d.path).join(' ')).toContain(path);
      }
    }
    const proto = '{"email":"p@example.com","fields":{"__proto__":{"polluted":"yes"}}}';
    const viaFields = await t.call('POST', '/api/contacts', {
      raw: proto,
      headers: { 'content-type': 'application/json' },
    });
    expect(viaFields.status).toBe(400);
    expect(viaFields.body.error.details).toEqual([
      { path: 'fields.__proto__', message: 'reserved field name' },
    ]);
    const topLevel = '{"__proto__":{"ownerId":"usr_x"},"email":"q@example.com"}';
    const viaTop = await t.call('PATCH', `/api/contacts/${c.body.id}`, {
      raw: topLevel,
      headers: { 'content-type': 'application/json' },
    });
    expect(viaTop.status).toBe(400);
    expect(({} as any).polluted).toBeUndefined();
    const badJson = await t.call('POST', '/api/contacts', {
      raw: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.status).toBe(400);
    expect(await count()).toBe(n0);
    expect(await t.call('GET', `/api/contacts/${c.body.id}`)).toMatchObject({ body: before.body });
  });
});

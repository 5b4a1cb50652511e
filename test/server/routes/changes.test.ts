import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../server/db/ids';
import { emails, enrollments, sequenceShares, sequences, tasks } from '../../../server/db/schema';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

const schedule = {
  timezone: 'UTC',
  useContactTimezone: true,
  windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
};

describe.each(backends)('delta feed GET /api/changes (%s)', (backend) => {
  const t = useTestApp(backend);
  let rep: { id: string; token: string };
  let otherRep: { id: string; token: string };
  let teamId: string;

  const feed = (qs = '', token?: string) =>
    t.call('GET', `/api/changes${qs ? `?${qs}` : ''}`, token ? { token } : {});
  const cursorNow = async () => (await feed('limit=1000')).body.nextCursor as string;
  const ids = (body: any) => body.items.map((i: any) => `${i.type}:${i.id}`);

  /** Rows of other engineers' tables, written as their code does (changeSeq from the sequence). */
  const insertSequence = async (ownerId: string, name: string) => {
    const id = newId('seq');
    await t.db.database.db.insert(sequences).values({ id, teamId, ownerId, name, schedule, ruleset: {} });
    return id;
  };
  const insertEnrollment = async (sequenceId: string, contactId: string, userId: string) => {
    const id = newId('enr');
    const at = t.clock.now();
    await t.db.database.db.insert(enrollments).values({
      id,
      teamId,
      sequenceId,
      contactId,
      userId,
      status: 'active',
      stepAnchorAt: at,
      nextRunAt: at,
    });
    return id;
  };
  const insertEmail = async (enrollmentId: string | null, contactId: string) => {
    const id = newId('eml');
    await t.db.database.db
      .insert(emails)
      .values({ id, teamId, enrollmentId, contactId, status: 'scheduled' });
    return id;
  };
  const insertTask = async (contactId: string, ownerId: string) => {
    const id = newId('tsk');
    await t.db.database.db
      .insert(tasks)
      .values({ id, teamId, type: 'call', contactId, ownerId, dueAt: t.clock.now() });
    return id;
  };

  beforeAll(async () => {
    rep = await t.createUser('rep');
    otherRep = await t.createUser('rep');
    teamId = (await t.db.database.query<{ team_id: string }>('select team_id from users limit 1'))[0]!
      .team_id;
  });

  it('starts from the beginning without a cursor and returns resources as their GET does, oldest change first', async () => {
    const account = await t.call('POST', '/api/accounts', {
      body: { name: 'Feed Co', domain: 'feed.example' },
    });
    const contact = await t.call('POST', '/api/contacts', { body: { email: 'first@feed.example' } });
    const all = await feed();
    expect(all.status).toBe(200);
    expect(all.body.hasMore).toBe(false);
    expect(ids(all.body)).toEqual([`account:${account.body.id}`, `contact:${contact.body.id}`]);
    expect(all.body.items[0].data).toEqual((await t.call('GET', `/api/accounts/${account.body.id}`)).body);
    expect(all.body.items[1].data).toEqual((await t.call('GET', `/api/contacts/${contact.body.id}`)).body);
    expect(Number(all.body.nextCursor)).toBeGreaterThan(0);
  });

  it('returns only what changed after the cursor, once each, in change order', async () => {
    const a = await t.call('POST', '/api/contacts', { body: { email: 'a@changes.example' } });
    const b = await t.call('POST', '/api/contacts', { body: { email: 'b@changes.example' } });
    const cursor = await cursorNow();
    await t.call('PATCH', `/api/contacts/${b.body.id}`, { body: { title: 'One' } });
    const acct = await t.call('POST', '/api/accounts', { body: { name: 'Later' } });
    await t.call('PATCH', `/api/contacts/${b.body.id}`, { body: { title: 'Two' } });
    const since = await feed(`cursor=${cursor}`);
    expect(ids(since.body)).toEqual([`account:${acct.body.id}`, `contact:${b.body.id}`]);
    expect(since.body.items[1].data.title).toBe('Two');
    expect(ids(since.body)).not.toContain(`contact:${a.body.id}`);
    const nothing = await feed(`cursor=${since.body.nextCursor}`);
    expect(nothing.body).toEqual({ items: [], nextCursor: since.body.nextCursor, hasMore: false });
  });

  it('carries sequences, enrollments, emails and tasks, and status changes arrive as updates', async () => {
    const contact = await t.call('POST', '/api/contacts', { body: { email: 'enrolled@feed.example' } });
    const cursor = await cursorNow();
    const seqId = await insertSequence(rep.id, 'Outbound');
    const enrId = await insertEnrollment(seqId, contact.body.id, rep.id);
    const emailId = await insertEmail(enrId, contact.body.id);
    const taskId = await insertTask(contact.body.id, rep.id);
    const page = await feed(`cursor=${cursor}`);
    expect(ids(page.body)).toEqual([
      `sequence:${seqId}`,
      `enrollment:${enrId}`,
      `email:${emailId}`,
      `task:${taskId}`,
    ]);
    expect(page.body.items[0].data).toMatchObject({
      id: seqId,
      name: 'Outbound',
      ownerId: rep.id,
      schedule,
      ruleset: {},
    });
    expect(page.body.items[1].data).toMatchObject({
      sequenceId: seqId,
      contactId: contact.body.id,
      status: 'active',
      currentStep: 1,
    });
    expect(page.body.items[1].data).not.toHaveProperty('pausedReason');
    expect(page.body.items[2].data).toMatchObject({ enrollmentId: enrId, status: 'scheduled', stepId: null });
    expect(page.body.items[3].data).toMatchObject({ type: 'call', status: 'open', ownerId: rep.id });

    await t.db.database.db
      .update(enrollments)
      .set({ status: 'finished', finishedReason: 'replied' })
      .where(eq(enrollments.id, enrId));
    const after = await feed(`cursor=${page.body.nextCursor}`);
    expect(ids(after.body)).toEqual([`enrollment:${enrId}`]);
    expect(after.body.items[0].data).toMatchObject({ status: 'finished', finishedReason: 'replied' });
  });

  it('pages with limit: hasMore until the end, no gaps, no repeats', async () => {
    const cursor = await cursorNow();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        `contact:${(await t.call('POST', '/api/contacts', { body: { email: `page${i}@feed.example` } })).body.id}`,
      );
    }
    const seen: string[] = [];
    let next = cursor;
    const hasMore: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await feed(`cursor=${next}&limit=2`);
      seen.push(...ids(r.body));
      hasMore.push(r.body.hasMore);
      next = r.body.nextCursor;
    }
    expect(seen).toEqual(made);
    expect(hasMore).toEqual([true, true, false, false]);
  });

  it('shows a rep only what the rep may see', async () => {
    const cursor = await cursorNow();
    const mine = await t.call('POST', '/api/contacts', {
      body: { email: 'mine@vis.example', ownerId: rep.id },
    });
    const pool = await t.call('POST', '/api/contacts', { body: { email: 'pool@vis.example' } });
    const theirs = await t.call('POST', '/api/contacts', {
      body: { email: 'theirs@vis.example', ownerId: otherRep.id },
    });
    const account = await t.call('POST', '/api/accounts', { body: { name: 'Shared account' } });
    const mySeq = await insertSequence(rep.id, 'Mine');
    const theirSeq = await insertSequence(otherRep.id, 'Theirs');
    const sharedSeq = await insertSequence(otherRep.id, 'Shared');
    await t.db.database.db
      .insert(sequenceShares)
      .values({ sequenceId: sharedSeq, userId: rep.id, access: 'view' });
    const myEnr = await insertEnrollment(mySeq, mine.body.id, rep.id);
    const theirEnr = await insertEnrollment(theirSeq, theirs.body.id, otherRep.id);
    const poolInTheirs = await insertEnrollment(theirSeq, pool.body.id, otherRep.id);
    const myEmail = await insertEmail(myEnr, mine.body.id);
    const theirEmail = await insertEmail(theirEnr, theirs.body.id);
    const poolEmail = await insertEmail(poolInTheirs, pool.body.id);
    const myTask = await insertTask(pool.body.id, rep.id);
    const theirTask = await insertTask(pool.body.id, otherRep.id);

    const asRep = ids((await feed(`cursor=${cursor}`, rep.token)).body);
    expect(asRep).toEqual([
      `contact:${mine.body.id}`,
      `contact:${pool.body.id}`,
      `account:${account.body.id}`,
      `sequence:${mySeq}`,
      `sequence:${sharedSeq}`,
      `enrollment:${myEnr}`,
      `email:${myEmail}`,
      `task:${myTask}`,
    ]);
    const asAdmin = ids((await feed(`cursor=${cursor}`)).body);
    for (const hidden of [
      `contact:${theirs.body.id}`,
      `sequence:${theirSeq}`,
      `enrollment:${theirEnr}`,
      `enrollment:${poolInTheirs}`,
      `email:${theirEmail}`,
      `email:${poolEmail}`,
      `task:${theirTask}`,
    ]) {
      expect(asRep).not.toContain(hidden);
      expect(asAdmin).toContain(hidden);
    }
  });

  it('validates cursor and limit', async () => {
    for (const qs of ['cursor=abc', 'cursor=-1', 'cursor=1.5', 'limit=0', 'limit=1001', 'limit=x']) {
      const r = await feed(qs);
      expect(r.status, qs).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
    }
    expect((await t.call('GET', '/api/changes', { token: null })).status).toBe(401);
  });

  it.skipIf(backend !== 'postgres')('holds back changes behind a transaction still in progress', async () => {
    const cursor = await cursorNow();
    const other = postgres(t.db.url ?? '', { max: 1, onnotice: () => {} });
    try {
      let slowId = '';
      let fastId = '';
      await other.begin(async (tx) => {
        slowId = newId('con');
        await tx`insert into contacts (id, team_id, email, email_lower) values (${slowId}, ${teamId}, 'slow@tx.example', 'slow@tx.example')`;
        fastId = (await t.call('POST', '/api/contacts', { body: { email: 'fast@tx.example' } })).body.id;
        const during = await feed(`cursor=${cursor}`);
        expect(ids(during.body)).not.toContain(`contact:${fastId}`);
        expect(during.body.nextCursor).toBe(cursor);
      });
      const after = await feed(`cursor=${cursor}`);
      expect(ids(after.body)).toEqual([`contact:${slowId}`, `contact:${fastId}`]);
    } finally {
      await other.end();
    }
  });
});

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth/password';
import { newId } from '../../../server/db/ids';
import { contacts, teams, users } from '../../../server/db/schema';
import { ADMIN, type TestApp, useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

async function adminTeam(t: TestApp) {
  const [row] = await t.db.database.db.select().from(users).where(eq(users.email, ADMIN.email));
  if (!row) throw new Error('no admin');
  return row.teamId;
}

/** A call task due now for a fresh contact, owned through its enrollment by `token`'s user. */
async function callTask(t: TestApp, token?: string) {
  const id = newId('con');
  await t.db.database.db.insert(contacts).values({
    id,
    teamId: await adminTeam(t),
    email: `${id}@prospect.test`,
    emailLower: `${id}@prospect.test`,
    emailStatus: 'verified',
    timezone: 'UTC',
  });
  const seq = await t.call('POST', '/api/sequences', {
    token,
    body: { name: 'Calls', active: true, steps: [{ type: 'call', waitMinutes: 0 }] },
  });
  expect(seq.status).toBe(201);
  const r = await t.call('POST', `/api/sequences/${seq.body.id}/enrollments`, {
    token,
    body: { contactIds: [id], skipValidation: true },
  });
  expect(r.body.enrollments).toHaveLength(1);
  const list = await t.call('GET', `/api/tasks?contactId=${id}`, { token });
  return list.body.items[0] as { id: string; contactId: string };
}

const dueIds = async (t: TestApp, query = '', token?: string) =>
  (await t.call('GET', `/api/tasks?status=open${query}`, { token })).body.items.map(
    (x: { id: string }) => x.id,
  );

describe.each(backends)('task snooze (%s)', (backend) => {
  const t = useTestApp(backend, { now: '2026-11-23T10:00:00Z' });

  it('a snoozed task leaves the due queue and comes back by itself when the time passes', async () => {
    t.clock.set('2026-11-23T10:00:00Z');
    const rep = await t.createUser('rep');
    const task = await callTask(t, rep.token);
    const other = await callTask(t, rep.token);
    const r = await t.call('POST', `/api/tasks/${task.id}/snooze`, {
      token: rep.token,
      body: { until: '2026-11-24T08:00:00.000Z' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: task.id, status: 'open', snoozedUntil: '2026-11-24T08:00:00.000Z' });

    expect(await dueIds(t, '', rep.token)).toEqual([other.id]);
    expect(await dueIds(t, '&snoozed=only', rep.token)).toEqual([task.id]);
    expect((await dueIds(t, '&snoozed=include', rep.token)).sort()).toEqual([task.id, other.id].sort());

    t.clock.set('2026-11-24T07:59:59Z');
    expect(await dueIds(t, '', rep.token)).toEqual([other.id]);
    t.clock.set('2026-11-24T08:00:00Z');
    expect((await dueIds(t, '', rep.token)).sort()).toEqual([task.id, other.id].sort());
    expect(await dueIds(t, '&snoozed=only', rep.token)).toEqual([]);
  });

  it('until: null wakes a snoozed task at once (the console’s undo)', async () => {
    t.clock.set('2026-11-23T10:00:00Z');
    const task = await callTask(t);
    await t.call('POST', `/api/tasks/${task.id}/snooze`, { body: { until: '2026-11-30T09:00:00Z' } });
    expect(await dueIds(t, `&contactId=${task.contactId}`)).toEqual([]);
    const r = await t.call('POST', `/api/tasks/${task.id}/snooze`, { body: { until: null } });
    expect(r.status).toBe(200);
    expect(r.body.snoozedUntil).toBeUndefined();
    expect(await dueIds(t, `&contactId=${task.contactId}`)).toEqual([task.id]);
  });

  it('refuses a past, present or malformed date with a 400 naming until, and leaves the task due', async () => {
    t.clock.set('2026-11-23T10:00:00Z');
    const task = await callTask(t);
    for (const body of [
      { until: '2026-11-23T09:00:00Z' },
      { until: '2026-11-23T10:00:00Z' },
      { until: 'tomorrow' },
      { until: '2026-13-40T00:00:00Z' },
      {},
    ]) {
      const r = await t.call('POST', `/api/tasks/${task.id}/snooze`, { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain('until');
    }
    const extra = await t.call('POST', `/api/tasks/${task.id}/snooze`, {
      body: { until: '2026-11-24T10:00:00Z', note: 'x' },
    });
    expect(extra.status).toBe(400);
    expect(await dueIds(t, `&contactId=${task.contactId}`)).toEqual([task.id]);
  });

  it('another team’s or another rep’s task is a 404; a done task is a 409', async () => {
    t.clock.set('2026-11-23T10:00:00Z');
    const rep = await t.createUser('rep');
    const task = await callTask(t, rep.token);
    const other = await t.createUser('rep');
    const body = { until: '2026-11-24T10:00:00Z' };
    expect((await t.call('POST', `/api/tasks/${task.id}/snooze`, { token: other.token, body })).status).toBe(
      404,
    );
    // An admin of another team cannot reach it either: it answers as if absent.
    const teamId = newId('team');
    await t.db.database.db.insert(teams).values({ id: teamId, name: 'Elsewhere' });
    const outsider = { id: newId('usr'), email: 'boss@else.test', password: 'else-password-1' };
    await t.db.database.db.insert(users).values({
      id: outsider.id,
      teamId,
      email: outsider.email,
      name: 'Boss Elsewhere',
      role: 'admin',
      passwordHash: await hashPassword(outsider.password),
    });
    const foreign = await t.login(outsider.email, outsider.password);
    expect((await t.call('POST', `/api/tasks/${task.id}/snooze`, { token: foreign, body })).status).toBe(404);
    expect((await t.call('POST', '/api/tasks/tsk_nope/snooze', { body })).status).toBe(404);

    expect((await t.call('POST', `/api/tasks/${task.id}/complete`, { token: rep.token })).status).toBe(200);
    const done = await t.call('POST', `/api/tasks/${task.id}/snooze`, { token: rep.token, body });
    expect(done.status).toBe(409);
  });
});

import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../server/db/ids';
import { activities, contacts, emails, enrollments, mailboxes, users } from '../../../server/db/schema';
import { completeStep } from '../../../server/domain/enrollments/complete-step';
import { ADMIN, type TestApp, useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

const DAY_MINUTES = 24 * 60;

async function adminOf(t: TestApp) {
  const [row] = await t.db.database.db.select().from(users).where(eq(users.email, ADMIN.email));
  if (!row) throw new Error('no admin');
  return row;
}

async function addContact(t: TestApp, over: Partial<typeof contacts.$inferInsert> = {}) {
  const admin = await adminOf(t);
  const id = newId('con');
  await t.db.database.db.insert(contacts).values({
    id,
    teamId: admin.teamId,
    email: `${id}@prospect.test`,
    emailLower: `${id}@prospect.test`,
    emailStatus: 'verified',
    timezone: 'UTC',
    ...over,
  });
  return id;
}

async function enrollInto(t: TestApp, steps: Record<string, unknown>[], contactId: string, token?: string) {
  const seq = await t.call('POST', '/api/sequences', {
    token,
    body: { name: 'Manual', active: true, steps },
  });
  expect(seq.status).toBe(201);
  const r = await t.call('POST', `/api/sequences/${seq.body.id}/enrollments`, {
    token,
    body: { contactIds: [contactId], skipValidation: true },
  });
  expect(r.body.enrollments).toHaveLength(1);
  return { seq: seq.body, enrollmentId: r.body.enrollments[0].id as string };
}

const openTasks = (t: TestApp, token?: string, query = '') =>
  t.call('GET', `/api/tasks?status=open${query}`, { token }).then((r) => r.body.items as any[]);

describe.each(backends)('tasks (%s)', (backend) => {
  const t = useTestApp(backend, { now: '2026-11-23T10:00:00Z' });

  it('a manual step becomes a task; completing it records the note and schedules the next step', async () => {
    const rep = await t.createUser('rep');
    const contactId = await addContact(t, { ownerId: rep.id });
    const { seq, enrollmentId } = await enrollInto(
      t,
      [
        { type: 'linkedin', waitMinutes: 30 },
        { type: 'auto_email', waitMinutes: 60, subject: 'After LinkedIn', body: 'Hi' },
      ],
      contactId,
      rep.token,
    );
    const [task] = await openTasks(t, rep.token);
    expect(task).toMatchObject({
      type: 'linkedin',
      status: 'open',
      contactId,
      enrollmentId,
      sequenceId: seq.id,
      stepId: seq.steps[0].id,
      ownerId: rep.id,
      dueAt: '2026-11-23T10:30:00.000Z',
    });
    expect(await openTasks(t)).toEqual([]); // the admin's own list

    t.clock.set('2026-11-23T10:40:00Z');
    const done = await t.call('POST', `/api/tasks/${task.id}/complete`, {
      token: rep.token,
      body: { note: 'Connected' },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', note: 'Connected' });
    expect((await t.call('POST', `/api/tasks/${task.id}/complete`, { token: rep.token })).status).toBe(409);
    const [act] = await t.db.database.db
      .select()
      .from(activities)
      .where(and(eq(activities.enrollmentId, enrollmentId), eq(activities.kind, 'task.completed')));
    expect(act?.data).toMatchObject({ taskId: task.id, note: 'Connected' });
    const [row] = await t.db.database.db.select().from(emails).where(eq(emails.enrollmentId, enrollmentId));
    expect(row).toMatchObject({ stepId: seq.steps[1].id, status: 'scheduled' });
    expect(row?.dueAt?.toISOString()).toBe('2026-11-23T11:40:00.000Z');
    const e = await t.call('GET', `/api/enrollments/${enrollmentId}`, { token: rep.token });
    expect(e.body).toMatchObject({ currentStep: 2, nextRunAt: '2026-11-23T11:40:00.000Z' });
  });

  it('completing a manual email queues it now through the enrollment’s mailbox with the rep’s edits', async () => {
    t.clock.set('2026-11-23T10:00:00Z');
    const admin = await adminOf(t);
    const mailboxId = newId('mbx');
    await t.db.database.db.insert(mailboxes).values({
      id: mailboxId,
      teamId: admin.teamId,
      userId: admin.id,
      provider: 'sandbox',
      address: 'me@sales.test',
    });
    const contactId = await addContact(t);
    const { seq, enrollmentId } = await enrollInto(
      t,
      [
        { type: 'manual_email', waitMinutes: 0, subject: 'Draft subject', body: 'Draft body' },
        { type: 'task', waitMinutes: DAY_MINUTES },
      ],
      contactId,
    );
    const [task] = await openTasks(t, undefined, `&contactId=${contactId}`);
    expect(task.type).toBe('manual_email');
    const r = await t.call('POST', `/api/tasks/${task.id}/complete`, {
      body: { subject: 'Edited subject', body: 'Edited body for {{firstName | "you"}}' },
    });
    expect(r.status).toBe(200);
    const [row] = await t.db.database.db.select().from(emails).where(eq(emails.enrollmentId, enrollmentId));
    expect(row).toMatchObject({
      status: 'scheduled',
      stepId: seq.steps[0].id,
      subject: 'Edited subject',
      bodyOverride: 'Edited body for {{firstName | "you"}}',
      mailboxId,
    });
    expect(row?.dueAt?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    expect(row?.messageId).toMatch(/@sales\.test>$/);
    const [draft] = await t.db.database.db
      .select()
      .from(activities)
      .where(and(eq(activities.emailId, row?.id ?? ''), eq(activities.kind, 'task.completed')));
    expect(draft?.data).toMatchObject({
      subject: 'Edited subject',
      body: 'Edited body for {{firstName | "you"}}',
    });
    const next = await openTasks(t, undefined, `&contactId=${contactId}`);
    expect(next.map((x) => [x.type, x.stepId, x.dueAt])).toEqual([
      ['task', seq.steps[1].id, '2026-11-24T10:00:00.000Z'],
    ]);
  });

  it('a manual email completed without edits follows its thread and renders the step’s own body', async () => {
    const contactId = await addContact(t);
    const { seq, enrollmentId } = await enrollInto(
      t,
      [
        { type: 'auto_email', waitMinutes: 0, subject: 'Opening line', body: 'Hi' },
        { type: 'manual_email', waitMinutes: 0, threadMode: 'reply_previous', body: 'Following up' },
      ],
      contactId,
    );
    const db = t.db.database.db;
    const [first] = await db.select().from(emails).where(eq(emails.enrollmentId, enrollmentId));
    await db.update(emails).set({ status: 'sent' }).where(eq(emails.enrollmentId, enrollmentId));
    // The scheduler's part after the send: the step is done.
    await db.transaction((tx) => completeStep(tx, enrollmentId, t.clock.now(), { stepId: seq.steps[0].id }));
    const [task] = await openTasks(t, undefined, `&contactId=${contactId}`);
    expect(
      (await t.call('POST', `/api/tasks/${task.id}/complete`, { body: { note: 'sent as is' } })).status,
    ).toBe(200);
    const reply = (await db.select().from(emails).where(eq(emails.enrollmentId, enrollmentId))).find(
      (r) => r.stepId === seq.steps[1].id,
    );
    expect(reply).toMatchObject({
      status: 'scheduled',
      subject: 'Re: Opening line',
      bodyOverride: null,
      inReplyTo: first?.messageId,
      references: [first?.messageId],
    });
    const e = await t.call('GET', `/api/enrollments/${enrollmentId}`);
    expect(e.body).toMatchObject({ status: 'finished', finishedReason: 'completed' });
  });

  it('after an ownership change, existing tasks stay and the next one goes to the new owner', async () => {
    t.clock.set('2026-11-23T10:00:00Z');
    const first = await t.createUser('rep');
    const second = await t.createUser('rep');
    const contactId = await addContact(t, { ownerId: first.id });
    const { seq } = await enrollInto(
      t,
      [
        { type: 'call', waitMinutes: 0 },
        { type: 'call', waitMinutes: 0 },
      ],
      contactId,
    );
    const [callOne] = await openTasks(t, first.token);
    expect(callOne.stepId).toBe(seq.steps[0].id);
    await t.db.database.db.update(contacts).set({ ownerId: second.id }).where(eq(contacts.id, contactId));
    expect((await openTasks(t, first.token)).map((x) => x.id)).toEqual([callOne.id]);

    // Someone else's task is not theirs to see or complete.
    expect((await t.call('POST', `/api/tasks/${callOne.id}/complete`, { token: second.token })).status).toBe(
      404,
    );
    expect((await t.call('POST', `/api/tasks/${callOne.id}/complete`, { token: first.token })).status).toBe(
      200,
    );
    const [callTwo] = await openTasks(t, second.token);
    expect(callTwo).toMatchObject({ stepId: seq.steps[1].id, ownerId: second.id });
    expect(await openTasks(t, first.token)).toEqual([]);
  });

  it('admins may list another owner’s tasks; reps may not', async () => {
    const rep = await t.createUser('rep');
    const contactId = await addContact(t, { ownerId: rep.id });
    await enrollInto(t, [{ type: 'task', waitMinutes: 0 }], contactId, rep.token);
    const forAdmin = await t.call('GET', `/api/tasks?ownerId=${rep.id}&type=task`);
    expect(forAdmin.status).toBe(200);
    expect(forAdmin.body.items.map((x: { contactId: string }) => x.contactId)).toEqual([contactId]);
    const other = await t.createUser('rep');
    expect((await t.call('GET', `/api/tasks?ownerId=${rep.id}`, { token: other.token })).status).toBe(403);
    expect((await t.call('GET', '/api/tasks?status=done')).status).toBe(400);
  });

  it('a task of a finished enrollment is skipped and cannot be completed', async () => {
    const contactId = await addContact(t);
    const { enrollmentId } = await enrollInto(t, [{ type: 'call', waitMinutes: 0 }], contactId);
    const [task] = await openTasks(t, undefined, `&contactId=${contactId}`);
    await t.call('POST', `/api/enrollments/${enrollmentId}/finish`, { body: { reason: 'meeting_booked' } });
    const all = await t.call('GET', `/api/tasks?contactId=${contactId}`);
    expect(all.body.items.map((x: { status: string }) => x.status)).toEqual(['skipped']);
    expect((await t.call('POST', `/api/tasks/${task.id}/complete`)).status).toBe(409);
    const [e] = await t.db.database.db.select().from(enrollments).where(eq(enrollments.id, enrollmentId));
    expect(e?.currentStep).toBe(1);
  });
});

import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../../server/db/ids';
import {
  activities,
  contacts,
  emails,
  enrollments,
  mailboxes,
  tasks,
  users,
} from '../../../../server/db/schema';
import { completeStep } from '../../../../server/domain/enrollments/complete-step';
import { resumeDueEnrollments } from '../../../../server/domain/enrollments/lifecycle';
import { ADMIN, type TestApp, useTestApp } from '../../helpers/test-app';
import { backends } from '../../helpers/test-database';

const DAY = 24 * 60;

async function setup(
  t: TestApp,
  steps: Record<string, unknown>[],
  contact: Partial<typeof contacts.$inferInsert> = {},
) {
  const db = t.db.database.db;
  const [admin] = await db.select().from(users).where(eq(users.email, ADMIN.email));
  if (!admin) throw new Error('no admin');
  const mailboxId = newId('mbx');
  await db.insert(mailboxes).values({
    id: mailboxId,
    teamId: admin.teamId,
    userId: admin.id,
    provider: 'sandbox',
    address: `${mailboxId}@seller.test`,
  });
  const contactId = newId('con');
  await db.insert(contacts).values({
    id: contactId,
    teamId: admin.teamId,
    email: `${contactId}@prospect.test`,
    emailLower: `${contactId}@prospect.test`,
    emailStatus: 'verified',
    timezone: 'Europe/Berlin',
    ...contact,
  });
  const seq = await t.call('POST', '/api/sequences', { body: { name: 'Flow', active: true, steps } });
  expect(seq.status).toBe(201);
  const r = await t.call('POST', `/api/sequences/${seq.body.id}/enrollments`, {
    body: { contactIds: [contactId], mailboxIds: [mailboxId] },
  });
  expect(r.body.enrollments).toHaveLength(1);
  return {
    admin,
    contactId,
    mailboxId,
    sequenceId: seq.body.id as string,
    stepIds: (seq.body.steps as { id: string }[]).map((s) => s.id),
    enrollmentId: r.body.enrollments[0].id as string,
  };
}

describe.each(backends)('step progress (%s)', (backend) => {
  // Monday 10:00 in Berlin: inside the default window.
  const t = useTestApp(backend, { now: '2026-11-23T09:00:00Z' });
  const db = () => t.db.database.db;
  const enrollment = async (id: string) =>
    (await db().select().from(enrollments).where(eq(enrollments.id, id)))[0];
  const rowsOf = (id: string) =>
    db().select().from(emails).where(eq(emails.enrollmentId, id)).orderBy(asc(emails.createdAt));
  const complete = (id: string, stepId?: string) =>
    db().transaction((tx) => completeStep(tx, id, t.clock.now(), { stepId }));
  const markSent = (id: string) =>
    db()
      .update(emails)
      .set({ status: 'sent', sentAt: t.clock.now() })
      .where(and(eq(emails.enrollmentId, id), eq(emails.status, 'scheduled')));

  it('goes through email, call and a threaded follow-up to finished (completed), each step once', async () => {
    t.clock.set('2026-11-23T09:00:00Z');
    const s = await setup(t, [
      { type: 'auto_email', waitMinutes: 0, subject: 'Quick question', body: 'Hi' },
      { type: 'call', waitMinutes: 60 },
      { type: 'auto_email', waitMinutes: DAY, threadMode: 'reply_previous', body: 'Bumping this' },
    ]);
    const [first] = await rowsOf(s.enrollmentId);
    expect(first?.dueAt?.toISOString()).toBe('2026-11-23T09:00:00.000Z');
    await markSent(s.enrollmentId);

    // A completion naming a step the enrollment is not at changes nothing.
    expect((await complete(s.enrollmentId, s.stepIds[1])).outcome).toBe('stale');
    t.clock.set('2026-11-23T09:05:00Z');
    const afterEmail = await complete(s.enrollmentId, s.stepIds[0]);
    expect(afterEmail.outcome).toBe('advanced');
    expect((await complete(s.enrollmentId, s.stepIds[0])).outcome).toBe('stale');
    const [task] = await db().select().from(tasks).where(eq(tasks.enrollmentId, s.enrollmentId));
    expect(task).toMatchObject({ type: 'call', status: 'open', ownerId: s.admin.id, stepId: s.stepIds[1] });
    expect(task?.dueAt.toISOString()).toBe('2026-11-23T10:05:00.000Z');
    expect((await enrollment(s.enrollmentId))?.nextRunAt?.toISOString()).toBe('2026-11-23T10:05:00.000Z');

    t.clock.set('2026-11-23T11:00:00Z');
    expect((await complete(s.enrollmentId, s.stepIds[1])).outcome).toBe('advanced');
    const rows = await rowsOf(s.enrollmentId);
    const reply = rows.find((r) => r.stepId === s.stepIds[2]);
    expect(reply).toMatchObject({
      status: 'scheduled',
      subject: 'Re: Quick question',
      inReplyTo: first?.messageId,
      references: [first?.messageId],
      mailboxId: s.mailboxId,
      waitingFor: 'wait',
    });
    expect(reply?.dueAt?.toISOString()).toBe('2026-11-24T11:00:00.000Z');

    await markSent(s.enrollmentId);
    const done = await complete(s.enrollmentId, s.stepIds[2]);
    expect(done.outcome).toBe('finished');
    const final = await enrollment(s.enrollmentId);
    expect(final).toMatchObject({
      status: 'finished',
      finishedReason: 'completed',
      currentStep: 4,
      nextRunAt: null,
    });
    expect((await rowsOf(s.enrollmentId)).map((r) => r.status)).toEqual(['sent', 'sent']);
    const kinds = (
      await db().select().from(activities).where(eq(activities.enrollmentId, s.enrollmentId))
    ).map((a) => a.kind);
    expect(kinds.filter((k) => k === 'enrollment.step_completed')).toHaveLength(3);
    expect(kinds).toContain('enrollment.finished');

    // Through every step: enrolling again would repeat one, so it is refused.
    const again = await t.call('POST', `/api/sequences/${s.sequenceId}/enrollments`, {
      body: { contactIds: [s.contactId] },
    });
    expect(again.body.rejected).toEqual([{ contactId: s.contactId, code: 'sequence_completed' }]);
  });

  it('an inactive step holds the enrollment, and switching it on schedules it', async () => {
    t.clock.set('2026-11-23T09:00:00Z');
    const s = await setup(t, [
      { type: 'auto_email', waitMinutes: 0, subject: 'One', body: 'Hi' },
      { type: 'auto_email', waitMinutes: 30, subject: 'Two', body: 'Hi', active: false },
    ]);
    await markSent(s.enrollmentId);
    await complete(s.enrollmentId, s.stepIds[0]);
    expect(await enrollment(s.enrollmentId)).toMatchObject({
      status: 'active',
      currentStep: 2,
      nextRunAt: null,
    });
    expect((await rowsOf(s.enrollmentId)).map((r) => r.stepId)).toEqual([s.stepIds[0]]);

    t.clock.set('2026-11-23T09:10:00Z');
    const on = await t.call('PATCH', `/api/sequences/${s.sequenceId}/steps/${s.stepIds[1]}`, {
      body: { active: true },
    });
    expect(on.status).toBe(200);
    const second = (await rowsOf(s.enrollmentId)).find((r) => r.stepId === s.stepIds[1]);
    expect(second?.dueAt?.toISOString()).toBe('2026-11-23T09:30:00.000Z');
    expect((await enrollment(s.enrollmentId))?.nextRunAt?.toISOString()).toBe('2026-11-23T09:30:00.000Z');

    // Switching it off again withdraws the pending row; nothing goes out and the place is kept.
    const off = await t.call('PATCH', `/api/sequences/${s.sequenceId}/steps/${s.stepIds[1]}`, {
      body: { active: false },
    });
    expect(off.status).toBe(200);
    expect((await rowsOf(s.enrollmentId)).map((r) => r.stepId)).toEqual([s.stepIds[0]]);
    expect(await enrollment(s.enrollmentId)).toMatchObject({
      currentStep: 2,
      nextRunAt: null,
      status: 'active',
    });
  });

  it('editing steps keeps enrollments on their step and re-plans pending rows from the new version', async () => {
    t.clock.set('2026-11-23T09:00:00Z');
    const s = await setup(t, [
      { type: 'auto_email', waitMinutes: 0, subject: 'A', body: 'a' },
      { type: 'auto_email', waitMinutes: 60, subject: 'B', body: 'b' },
    ]);
    await markSent(s.enrollmentId);
    await complete(s.enrollmentId, s.stepIds[0]);
    const [a, b] = s.stepIds;
    const r = await t.call('PATCH', `/api/sequences/${s.sequenceId}`, {
      body: {
        steps: [
          { type: 'call', waitMinutes: 0 },
          { id: a, type: 'auto_email', waitMinutes: 0, subject: 'A', body: 'a' },
          { id: b, type: 'auto_email', waitMinutes: 120, subject: 'B2', body: 'b' },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.steps.map((x: { id: string }) => x.id).slice(1)).toEqual([a, b]);
    expect((await enrollment(s.enrollmentId))?.currentStep).toBe(3);
    const pending = (await rowsOf(s.enrollmentId)).find((x) => x.stepId === b);
    expect(pending).toMatchObject({ status: 'scheduled', subject: 'B2' });
    expect(pending?.dueAt?.toISOString()).toBe('2026-11-23T11:00:00.000Z');
    // The new first step is behind this enrollment: no task for it.
    expect(await db().select().from(tasks).where(eq(tasks.enrollmentId, s.enrollmentId))).toEqual([]);

    // Removing the step it is at leaves no step ahead: it has been through everything left.
    const cut = await t.call('PATCH', `/api/sequences/${s.sequenceId}`, {
      body: { steps: [{ id: a, type: 'auto_email', waitMinutes: 0, subject: 'A', body: 'a' }] },
    });
    expect(cut.status).toBe(200);
    expect(await enrollment(s.enrollmentId)).toMatchObject({
      status: 'finished',
      finishedReason: 'completed',
    });
    expect((await rowsOf(s.enrollmentId)).map((x) => x.status)).toEqual(['sent']);
  });

  it('auto-resume on the clock: a paused enrollment resumes when its date comes, not before', async () => {
    t.clock.set('2026-11-23T09:00:00Z');
    const s = await setup(t, [{ type: 'auto_email', waitMinutes: 0, subject: 'A', body: 'a' }]);
    const paused = await t.call('POST', `/api/enrollments/${s.enrollmentId}/pause`, {
      body: { resumeAt: '2026-11-28T09:00:00Z' },
    });
    expect(paused.body).toMatchObject({ status: 'paused', resumeAt: '2026-11-28T09:00:00.000Z' });
    t.clock.set('2026-11-28T08:59:00Z');
    expect(await resumeDueEnrollments(db(), t.clock.now())).toBe(0);
    t.clock.set('2026-11-28T09:00:00Z'); // a Saturday: the email waits for Monday's window in Berlin.
    expect(await resumeDueEnrollments(db(), t.clock.now())).toBe(1);
    const e = await enrollment(s.enrollmentId);
    expect(e).toMatchObject({ status: 'active', resumeAt: null, pausedReason: null });
    expect(e?.nextRunAt?.toISOString()).toBe('2026-11-30T08:00:00.000Z');
    const [act] = await db()
      .select()
      .from(activities)
      .where(and(eq(activities.enrollmentId, s.enrollmentId), eq(activities.kind, 'enrollment.resumed')));
    expect(act?.data).toMatchObject({ cause: 'auto' });
    expect(await resumeDueEnrollments(db(), t.clock.now())).toBe(0);
  });

  it('progress made while removed is kept, but nothing new is planned', async () => {
    t.clock.set('2026-11-23T09:00:00Z');
    const s = await setup(t, [
      { type: 'auto_email', waitMinutes: 0, subject: 'A', body: 'a' },
      { type: 'auto_email', waitMinutes: 0, subject: 'B', body: 'b' },
    ]);
    await db().update(emails).set({ status: 'sending' }).where(eq(emails.enrollmentId, s.enrollmentId));
    await t.call('DELETE', `/api/enrollments/${s.enrollmentId}`);
    // The send in flight finishes after the removal.
    await db().update(emails).set({ status: 'sent' }).where(eq(emails.enrollmentId, s.enrollmentId));
    expect((await complete(s.enrollmentId, s.stepIds[0])).outcome).toBe('advanced');
    expect(await enrollment(s.enrollmentId)).toMatchObject({
      status: 'removed',
      currentStep: 2,
      nextRunAt: null,
    });
    expect(await rowsOf(s.enrollmentId)).toHaveLength(1);
  });
});

import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../../../../server/app-env';
import { newId } from '../../../../server/db/ids';
import { activities, emails, enrollments, mailboxes, users } from '../../../../server/db/schema';
import { resumeDueEnrollments } from '../../../../server/domain/enrollments/lifecycle';
import { observeThread } from '../../../../server/domain/replies/observe-thread';
import { claimBatch } from '../../../../server/scheduler/claim-batch';
import { defaultSchedulerConfig } from '../../../../server/scheduler/scheduler-config';
import type { ObserveThreadBody } from '../../../../shared/schemas/observe';
import { deliverPending } from '../../helpers/deliver-pending';
import { type TestApp, useTestApp } from '../../helpers/test-app';
import { backends } from '../../helpers/test-database';

const MONDAY = '2026-11-30T14:00:00.000Z'; // 09:00 in New York, inside the default window
const DAY = 86_400_000;
const STEPS = [
  { type: 'auto_email', waitMinutes: 0, subject: 'Quick question', body: 'Hi {{firstName | "there"}}' },
  { type: 'auto_email', waitMinutes: 2 * 24 * 60, threadMode: 'reply_previous', body: 'Following up' },
];
/** Gmail's vacation responder; "until Friday 11 December" means back Saturday 12th, 09:00 in New York. */
const vacation = (from: string, date: string) => ({
  messageId: `<${randomUUID()}@mail.gmail.com>`,
  from,
  date,
  text: "I'm on vacation until Friday, December 11th, with no access to email. I'll reply when I'm back.",
  headers: { 'Auto-Submitted': 'auto-replied', Subject: 'Re: Quick question' },
});
const BACK_SATURDAY = '2026-12-12T14:00:00.000Z';

/** The caller's setup: a mailbox, a sequence, an enrolled contact whose first email really went out. */
function world(t: TestApp) {
  let n = 0;
  const db = () => t.db.database.db;
  const api = async (method: string, path: string, body?: unknown) => {
    const r = await t.call(method, path, { body });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const self = {
    async user(): Promise<AuthUser & { mailboxId: string }> {
      const [u] = await db().select().from(users).where(eq(users.email, 'admin@example.test'));
      if (!u) throw new Error('no admin');
      const mailboxId = newId('mbx');
      const address = `rep${++n}@stride.test`;
      await db()
        .insert(mailboxes)
        .values({ id: mailboxId, teamId: u.teamId, userId: u.id, provider: 'sandbox', address });
      return { id: u.id, teamId: u.teamId, email: u.email, name: u.name, role: u.role, mailboxId };
    },
    async contact() {
      const email = `prospect${++n}@brightlane.example`;
      const c = await api('POST', '/api/contacts', {
        email,
        timezone: 'America/New_York',
        emailStatus: 'verified',
      });
      return { id: c.id as string, email };
    },
    async enroll(contactId: string, mailboxId: string) {
      const seq = await api('POST', '/api/sequences', { name: `Seq ${++n}`, active: true, steps: STEPS });
      const r = await api('POST', `/api/sequences/${seq.id}/enrollments`, {
        contactIds: [contactId],
        mailboxIds: [mailboxId],
        skipValidation: true,
      });
      return r.enrollments[0].id as string;
    },
    async send(enrollmentId: string, threadId: string) {
      return (await deliverPending(db(), enrollmentId, threadId, t.clock.now())).messageId;
    },
    async started() {
      t.clock.set(MONDAY);
      const user = await self.user();
      const contact = await self.contact();
      const enrollmentId = await self.enroll(contact.id, user.mailboxId);
      const threadId = `thread-${randomUUID()}`;
      const messageId = await self.send(enrollmentId, threadId);
      return { user, contact, enrollmentId, threadId, messageId };
    },
    async enrollment(id: string) {
      const [row] = await db().select().from(enrollments).where(eq(enrollments.id, id));
      if (!row) throw new Error('no enrollment');
      return row;
    },
    async pending(enrollmentId: string) {
      return db()
        .select()
        .from(emails)
        .where(and(eq(emails.enrollmentId, enrollmentId), eq(emails.status, 'scheduled')));
    },
    async activity(enrollmentId: string, kind: string) {
      return db()
        .select()
        .from(activities)
        .where(and(eq(activities.enrollmentId, enrollmentId), eq(activities.kind, kind)));
    },
  };
  return self;
}

const thread = (threadId: string, messages: ObserveThreadBody['messages']): ObserveThreadBody => ({
  host: 'gmail',
  threadId,
  messages,
});
const at = (iso: string, plusMinutes: number) =>
  new Date(new Date(iso).getTime() + plusMinutes * 60_000).toISOString();

describe.each(backends)('observeThread: out-of-office and auto-resume (%s)', (backend) => {
  const t = useTestApp(backend, { now: MONDAY });
  const w = world(t);

  it('pauses until the return date in the contact’s zone, holds the next email, and resumes by itself', async () => {
    const s = await w.started();
    const db = t.db.database.db;
    const [next] = await w.pending(s.enrollmentId);
    expect(next?.dueAt?.toISOString()).toBe('2026-12-02T14:00:00.000Z');

    t.clock.set(at(MONDAY, 20));
    const report = thread(s.threadId, [vacation(s.contact.email, at(MONDAY, 1))]);
    const result = await observeThread(db, s.user, report, t.clock.now());
    expect(result).toEqual({
      events: [{ enrollmentId: s.enrollmentId, kind: 'out_of_office', resumeAt: BACK_SATURDAY }],
    });
    expect(await observeThread(db, s.user, report, t.clock.now())).toEqual({ events: [] });
    expect(await w.activity(s.enrollmentId, 'email.out_of_office')).toHaveLength(1);
    const paused = await w.enrollment(s.enrollmentId);
    expect(paused).toMatchObject({ status: 'paused', pausedReason: 'out_of_office' });
    expect(paused.resumeAt?.toISOString()).toBe(BACK_SATURDAY);
    const [noted] = await w.activity(s.enrollmentId, 'email.out_of_office');
    expect(noted?.data).toMatchObject({
      kind: 'out_of_office',
      resumeAt: BACK_SATURDAY,
      returnDateFound: true,
      outcome: 'pause',
    });

    // Wednesday: the follow-up is due, but a paused enrollment's email is not claimed.
    t.clock.set('2026-12-03T15:00:00Z');
    expect(await claimBatch(db, t.clock.now(), defaultSchedulerConfig)).toEqual([]);
    expect(await resumeDueEnrollments(db, t.clock.now())).toBe(0);
    expect((await w.pending(s.enrollmentId)).map((e) => e.id)).toEqual([next?.id]);

    t.clock.set(at(BACK_SATURDAY, 1));
    expect(await resumeDueEnrollments(db, t.clock.now())).toBe(1);
    const resumed = await w.enrollment(s.enrollmentId);
    expect(resumed).toMatchObject({ status: 'active', pausedReason: null, resumeAt: null });
    const [moved] = await w.pending(s.enrollmentId);
    expect(moved?.id).toBe(next?.id);
    // Saturday is outside the window: the email goes at Monday's opening, 09:00 New York.
    expect(moved?.dueAt?.toISOString()).toBe('2026-12-14T14:00:00.000Z');
    expect(resumed.nextRunAt?.toISOString()).toBe('2026-12-14T14:00:00.000Z');
  });

  it('reads the return date relative to when the answer was written, not when it was reported', async () => {
    const s = await w.started();
    const written = at(MONDAY, 5);
    const backMonday = {
      from: s.contact.email,
      date: written,
      text: 'I am out of the office and back on Monday. For urgent matters call the front desk.',
      headers: { 'Auto-Submitted': 'auto-replied', Subject: 'Out of office' },
    };
    // Reported nine days later: "Monday" was 7 December, already past, so there is nothing to hold.
    t.clock.set(new Date(new Date(MONDAY).getTime() + 9 * DAY));
    const result = await observeThread(
      t.db.database.db,
      s.user,
      thread(s.threadId, [backMonday]),
      t.clock.now(),
    );
    expect(result.events).toEqual([]);
    expect((await w.enrollment(s.enrollmentId)).status).toBe('active');
    const [noted] = await w.activity(s.enrollmentId, 'email.out_of_office');
    expect(noted?.data).toMatchObject({ outcome: 'already_back', resumeAt: '2026-12-07T14:00:00.000Z' });
  });

  it.each([
    ['an open-ended manual pause', undefined, null, 'manual', false],
    [
      'a manual pause ending after the return date',
      '2026-12-20T14:00:00.000Z',
      '2026-12-20T14:00:00.000Z',
      'manual',
      false,
    ],
    [
      'a manual pause ending before the return date',
      '2026-12-02T14:00:00.000Z',
      BACK_SATURDAY,
      'out_of_office',
      true,
    ],
  ])(
    'keeps the later date over %s',
    async (_name, manualUntil, expectedResumeAt, expectedReason, applied) => {
      const s = await w.started();
      const paused = await t.call('POST', `/api/enrollments/${s.enrollmentId}/pause`, {
        body: manualUntil ? { resumeAt: manualUntil } : {},
      });
      expect(paused.status).toBe(200);
      const result = await observeThread(
        t.db.database.db,
        s.user,
        thread(s.threadId, [vacation(s.contact.email, at(MONDAY, 2))]),
        t.clock.now(),
      );
      expect(result.events).toEqual(
        applied ? [{ enrollmentId: s.enrollmentId, kind: 'out_of_office', resumeAt: BACK_SATURDAY }] : [],
      );
      const e = await w.enrollment(s.enrollmentId);
      expect(e.status).toBe('paused');
      expect(e.pausedReason).toBe(expectedReason);
      expect(e.resumeAt?.toISOString() ?? null).toBe(expectedResumeAt);
    },
  );

  it('counts an auto-reply whose clock runs a little behind ours, but not a message from before the email', async () => {
    const s = await w.started();
    const db = t.db.database.db;
    const skewed = vacation(s.contact.email, at(MONDAY, -2));
    const skewedResult = await observeThread(db, s.user, thread(s.threadId, [skewed]), t.clock.now());
    expect(skewedResult.events.map((e) => e.kind)).toEqual(['out_of_office']);

    const s2 = await w.started();
    const before = vacation(s2.contact.email, at(MONDAY, -30));
    expect((await observeThread(db, s2.user, thread(s2.threadId, [before]), t.clock.now())).events).toEqual(
      [],
    );
    expect((await w.enrollment(s2.enrollmentId)).status).toBe('active');
  });
});

describe.each(backends)('observeThread: which enrollments a message concerns (%s)', (backend) => {
  const t = useTestApp(backend, { now: MONDAY });
  const w = world(t);

  it('prefers the enrollment whose email the thread answers, else every live one with a sent email', async () => {
    const s = await w.started();
    const second = await w.enroll(s.contact.id, s.user.mailboxId);
    const secondThread = `thread-${randomUUID()}`;
    const secondMessageId = await w.send(second, secondThread);
    const third = await w.enroll(s.contact.id, s.user.mailboxId); // nothing sent yet
    const db = t.db.database.db;
    const reply = (threadId: string, headers: Record<string, string>, minutes: number) =>
      observeThread(
        db,
        s.user,
        thread(threadId, [
          { from: s.contact.email, date: at(MONDAY, minutes), text: `Answer ${minutes}`, headers },
        ]),
        t.clock.now(),
      );

    // Another thread id, but In-Reply-To names the second enrollment's email.
    const byMessageId = await reply('some-other-thread', { 'In-Reply-To': secondMessageId }, 10);
    expect(byMessageId.events).toEqual([{ enrollmentId: second, kind: 'reply' }]);
    expect((await w.enrollment(s.enrollmentId)).status).toBe('active');

    const s2 = await w.started();
    const other = await w.enroll(s2.contact.id, s2.user.mailboxId);
    await w.send(other, `thread-${randomUUID()}`);
    const byThreadId = await observeThread(
      db,
      s2.user,
      thread(s2.threadId, [{ from: s2.contact.email, date: at(MONDAY, 11), text: 'Thread match' }]),
      t.clock.now(),
    );
    expect(byThreadId.events).toEqual([{ enrollmentId: s2.enrollmentId, kind: 'reply' }]);
    expect((await w.enrollment(other)).status).toBe('active');

    // No trace of our emails in the thread: every live enrollment of the contact, including one
    // whose first step has not gone out yet (the contact answered after being enrolled).
    const fallback = await reply('unrelated-thread', {}, 12);
    expect(fallback.events).toEqual(
      expect.arrayContaining([
        { enrollmentId: s.enrollmentId, kind: 'reply' },
        { enrollmentId: third, kind: 'reply' },
      ]),
    );
    expect((await w.enrollment(third)).status).toBe('finished');
    expect(await w.activity(third, 'email.replied')).toHaveLength(1);
  });

  it('finishes a not_sent enrollment on a reply, and only records an absence on one', async () => {
    const db = t.db.database.db;
    const a = await w.started();
    const b = await w.started();
    await db.update(enrollments).set({ status: 'not_sent' }).where(eq(enrollments.id, a.enrollmentId));
    await db.update(enrollments).set({ status: 'not_sent' }).where(eq(enrollments.id, b.enrollmentId));

    const replied = await observeThread(
      db,
      a.user,
      thread(a.threadId, [{ from: a.contact.email, date: at(MONDAY, 3), text: 'Please call me.' }]),
      t.clock.now(),
    );
    expect(replied.events).toEqual([{ enrollmentId: a.enrollmentId, kind: 'reply' }]);
    expect(await w.enrollment(a.enrollmentId)).toMatchObject({
      status: 'finished',
      finishedReason: 'replied',
    });

    const away = await observeThread(
      db,
      b.user,
      thread(b.threadId, [vacation(b.contact.email, at(MONDAY, 3))]),
      t.clock.now(),
    );
    expect(away.events).toEqual([]);
    expect((await w.enrollment(b.enrollmentId)).status).toBe('not_sent');
    const [noted] = await w.activity(b.enrollmentId, 'email.out_of_office');
    expect(noted?.data).toMatchObject({ outcome: 'not_running', resumeAt: BACK_SATURDAY });
  });

  it('applies an absence then a reply in one report in date order, however the page listed them', async () => {
    const s = await w.started();
    const reply = { from: s.contact.email, date: at(MONDAY, 90), text: 'Back early, happy to talk.' };
    const result = await observeThread(
      t.db.database.db,
      s.user,
      thread(s.threadId, [reply, vacation(s.contact.email, at(MONDAY, 1))]),
      t.clock.now(),
    );
    expect(result.events.map((e) => e.kind)).toEqual(['out_of_office', 'reply']);
    expect(await w.enrollment(s.enrollmentId)).toMatchObject({
      status: 'finished',
      finishedReason: 'replied',
    });
  });
});

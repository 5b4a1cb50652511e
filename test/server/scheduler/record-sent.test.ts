import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities, emails, enrollments } from '../../../server/db/schema';
import { claimBatch } from '../../../server/scheduler/claim-batch';
import { recordSentBatch } from '../../../server/scheduler/sql/record-sent';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { harness } from './scheduler-harness';

// Monday 09:00 in New York (UTC-5 in November): inside the default window.
const MONDAY_9_NY = new Date('2026-11-23T14:00:00Z');

describe.each(backends)('recording a wave of sends in one statement on %s', (backend) => {
  const t = useTestApp(backend, { now: MONDAY_9_NY.toISOString() });
  const db = () => t.db.database.db;
  const history = async (enrollmentId: string) =>
    (await db().select().from(activities).where(eq(activities.enrollmentId, enrollmentId)))
      .map((a) => a.kind)
      .filter((k) => ['email.sent', 'enrollment.step_completed', 'enrollment.finished'].includes(k))
      .sort();

  it('moves each enrollment on as completeSteps would: advance, finish, keep progress, skip stale, skip lost', async () => {
    t.clock.set(MONDAY_9_NY);
    const h = await harness(t);
    const box = await h.mailbox();
    const twoSteps = await h.sequence();
    const oneStep = await h.sequence({
      steps: [{ type: 'auto_email', waitMinutes: 0, subject: 'Hello {{firstName}}', body: 'Hi.' }],
    });
    const [advancing, removed, stale, lost] = await h.enroll(
      twoSteps.id,
      [await h.contact(), await h.contact(), await h.contact(), await h.contact()],
      [box],
    );
    const [finishing] = await h.enroll(oneStep.id, [await h.contact()], [box]);
    const ids = [advancing, removed, stale, lost, finishing] as string[];

    const claims = await claimBatch(db(), MONDAY_9_NY, h.config);
    expect(claims.map((c) => c.enrollmentId).sort()).toEqual([...ids].sort());
    // What happens between the claim and the record: one enrollment is removed, one moved past the
    // step by hand, and one email taken over by lease recovery under another attempt.
    await db().update(enrollments).set({ status: 'removed' }).where(eq(enrollments.id, removed!));
    await db().update(enrollments).set({ currentStep: 2 }).where(eq(enrollments.id, stale!));
    const lostEmail = claims.find((c) => c.enrollmentId === lost)?.email.id ?? '';
    await db().update(emails).set({ attemptId: 'someone-else' }).where(eq(emails.id, lostEmail));

    const owned = await db().transaction((tx) =>
      recordSentBatch(
        tx,
        claims.map((claim) => ({ claim, subject: 'Hello there', providerMessageId: `p-${claim.email.id}` })),
        MONDAY_9_NY,
      ),
    );
    expect(owned.map((c) => c.enrollmentId).sort()).toEqual(
      [advancing, removed, stale, finishing].sort() as string[],
    );

    const first = await db()
      .select()
      .from(emails)
      .where(
        inArray(
          emails.id,
          claims.map((c) => c.email.id),
        ),
      );
    for (const e of first) {
      if (e.id === lostEmail) expect(e).toMatchObject({ status: 'sending', attemptId: 'someone-else' });
      else
        expect(e).toMatchObject({
          status: 'sent',
          sentAt: MONDAY_9_NY,
          subject: 'Hello there',
          providerMessageId: `p-${e.id}`,
          leaseUntil: null,
        });
    }

    // Advanced: on step 2, its threaded follow-up planned two days out, next_run_at set to it.
    const a = await h.enrollment(advancing!);
    expect(a).toMatchObject({ status: 'active', currentStep: 2, stepAnchorAt: MONDAY_9_NY });
    const [, followUp] = await h.emailsOf(advancing!);
    expect(followUp).toMatchObject({ status: 'scheduled', dueAt: new Date('2026-11-25T14:00:00Z') });
    expect(a.nextRunAt).toEqual(followUp?.dueAt);
    expect(await history(advancing!)).toEqual(['email.sent', 'enrollment.step_completed']);

    // Removed meanwhile: the progress is recorded, nothing further is planned.
    expect(await h.enrollment(removed!)).toMatchObject({
      status: 'removed',
      currentStep: 2,
      nextRunAt: null,
    });
    expect(await h.emailsOf(removed!)).toHaveLength(1);
    expect(await history(removed!)).toEqual(['email.sent', 'enrollment.step_completed']);

    // No longer at the step sent: the send is recorded, the enrollment left as it was.
    expect(await h.enrollment(stale!)).toMatchObject({ currentStep: 2 });
    expect(await history(stale!)).toEqual(['email.sent']);

    // Taken over: nothing written for this attempt.
    expect(await h.enrollment(lost!)).toMatchObject({ currentStep: 1 });
    expect(await history(lost!)).toEqual([]);

    // The last step: finished as completed, with the step's history.
    expect(await h.enrollment(finishing!)).toMatchObject({
      status: 'finished',
      finishedReason: 'completed',
      currentStep: 2,
      nextRunAt: null,
    });
    expect(await history(finishing!)).toEqual([
      'email.sent',
      'enrollment.finished',
      'enrollment.step_completed',
    ]);
    const [sentRow] = await db()
      .select()
      .from(activities)
      .where(and(eq(activities.enrollmentId, finishing!), eq(activities.kind, 'email.sent')));
    const finishingEmail = claims.find((c) => c.enrollmentId === finishing)?.email;
    expect(sentRow).toMatchObject({
      emailId: finishingEmail?.id,
      createdAt: MONDAY_9_NY,
      data: { messageId: finishingEmail?.messageId, mailboxId: box },
    });
  });
});

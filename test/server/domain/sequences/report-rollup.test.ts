import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { emails, enrollments, steps } from '../../../../server/db/schema';
import { recordActivity } from '../../../../server/domain/activity';
import type { Actor } from '../../../../server/domain/actor';
import { getSequenceReport } from '../../../../server/domain/sequences/get-sequence-report';
import { emailStepsOf, variantCounts } from '../../../../server/domain/sequences/variant-report';
import { deliverPending } from '../../helpers/deliver-pending';
import {
  addContact,
  addMailbox,
  adminOf,
  createSequence,
  enrollIds,
} from '../../helpers/enrollment-fixtures';
import { sequenceReportFromScratch, variantCountsFromScratch } from '../../helpers/report-from-scratch';
import { useTestApp } from '../../helpers/test-app';
import { backends } from '../../helpers/test-database';

const byKey = <T extends { stepId: string; variantId: string | null }>(rows: T[]) =>
  [...rows].sort((a, b) => `${a.stepId}/${a.variantId}`.localeCompare(`${b.stepId}/${b.variantId}`));

/**
 * The rollups the triggers keep must say exactly what counting from scratch says, whichever writer
 * changed the rows: the scheduler's record step, bounces, replies, clicks, unsubscribes, retries,
 * removals, finishes, a deleted step and a deleted enrollment.
 */
describe.each(backends)('sequence report rollup (%s)', (backend) => {
  const t = useTestApp(backend, { now: '2026-11-28T12:00:00Z' });
  let actor: Actor;

  beforeAll(async () => {
    const admin = await adminOf(t);
    await addMailbox(t, admin.id, 'admin@rollup.test');
    actor = { id: admin.id, teamId: admin.teamId, email: admin.email, name: admin.name ?? '', role: 'admin' };
  });

  async function expectRollupMatches(sequenceId: string, days = 7) {
    const db = t.db.database.db;
    const now = t.clock.now();
    const fromRollup = await getSequenceReport({ db, now }, actor, sequenceId, {
      tz: 'America/New_York',
      days,
    });
    const fromScratch = await sequenceReportFromScratch(db, actor, sequenceId, {
      timezone: 'America/New_York',
      days,
      now,
    });
    const { steps: _steps, ...summary } = fromRollup;
    expect(summary).toEqual(fromScratch);
    const stepIds = (await emailStepsOf(db, sequenceId)).map((s) => s.id);
    expect(byKey(await variantCounts(db, stepIds))).toEqual(
      byKey(await variantCountsFromScratch(db, stepIds)),
    );
    return fromRollup;
  }

  async function sendAt(enrollmentId: string, at: string) {
    t.clock.set(at);
    return deliverPending(t.db.database.db, enrollmentId, `thread-${randomUUID()}`, t.clock.now());
  }

  async function replyTo(sent: { messageId: string }, from: string) {
    const r = await t.call('POST', '/api/threads/observe', {
      body: {
        host: 'gmail',
        threadId: `thread-${randomUUID()}`,
        messages: [
          {
            messageId: `<${randomUUID()}@reply.test>`,
            from,
            date: t.clock.now().toISOString(),
            text: 'Sounds good, let us talk next week.',
            headers: { 'In-Reply-To': sent.messageId, References: sent.messageId },
          },
        ],
      },
    });
    expect(r.status).toBe(200);
  }

  it('equals a count from scratch after sends, bounces, replies, clicks, retries and removals', async () => {
    const db = t.db.database.db;
    const three = [1, 2, 3].map((n) => ({
      type: 'auto_email',
      waitMinutes: n,
      subject: 'Hi',
      body: 'Hello',
    }));
    const seq = await createSequence(t, { name: 'Rollup', steps: three, ruleset: { finishOnReply: false } });
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const people = await Promise.all(names.map((n) => addContact(t, { email: `${n}@rollup.test` })));
    const ids = await enrollIds(t, seq.id, people);
    const [a, b, c, d, e, f, g, h] = ids as [string, string, string, string, string, string, string, string];
    await expectRollupMatches(seq.id);

    // Sends over two days, several in one enrollment.
    const sentA1 = await sendAt(a, '2026-11-28T12:00:00Z');
    const sentA2 = await sendAt(a, '2026-11-28T13:00:00Z');
    const sentB = await sendAt(b, '2026-11-28T23:50:00Z');
    const sentC = await sendAt(c, '2026-11-29T04:55:00Z');
    await sendAt(d, '2026-11-29T05:05:00Z');
    const sentE = await sendAt(e, '2026-11-29T06:00:00Z');
    await sendAt(f, '2026-11-29T07:00:00Z');
    await expectRollupMatches(seq.id);

    // Replies: two on the same email count once for it; a reply through the page.
    await replyTo(sentA1, 'a@rollup.test');
    await replyTo(sentA1, 'a@rollup.test');
    await replyTo(sentB, 'b@rollup.test');
    // An unsubscribe and human clicks, written as the tracker writes them.
    const contactOf = async (id: string) =>
      (await db.select().from(emails).where(eq(emails.id, id)))[0] as typeof emails.$inferSelect;
    const c1 = await contactOf(sentC.id);
    await recordActivity(db, {
      teamId: c1.teamId,
      kind: 'contact.unsubscribed',
      contactId: c1.contactId,
      emailId: c1.id,
      at: t.clock.now(),
      data: { source: 'link' },
    });
    await db
      .update(emails)
      .set({ clicks: sql`${emails.clicks} + 1` })
      .where(eq(emails.id, sentA2.id));
    await db
      .update(emails)
      .set({ clicks: sql`${emails.clicks} + 2`, botClicks: 3 })
      .where(eq(emails.id, sentE.id));
    await expectRollupMatches(seq.id);

    // A bounce, a guard holding an email, then a retry of both.
    await db.update(emails).set({ status: 'bounced' }).where(eq(emails.id, sentE.id));
    await db.update(enrollments).set({ status: 'bounced' }).where(eq(enrollments.id, e));
    await db
      .update(emails)
      .set({ status: 'not_sent', reason: 'likely_to_bounce' })
      .where(and(eq(emails.enrollmentId, g), eq(emails.status, 'scheduled')));
    await db.update(enrollments).set({ status: 'not_sent' }).where(eq(enrollments.id, g));
    await expectRollupMatches(seq.id);
    const notSent = await db.select().from(emails).where(eq(emails.enrollmentId, g));
    const retry = await t.call('POST', '/api/emails/retry', {
      body: { ids: [sentE.id, ...notSent.map((x) => x.id)] },
    });
    expect(retry.status).toBe(200);
    await expectRollupMatches(seq.id);

    // Finish one as replied, another as a meeting; remove one (its pending email goes).
    expect(
      (await t.call('POST', `/api/enrollments/${b}/finish`, { body: { reason: 'replied' } })).status,
    ).toBe(200);
    expect(
      (await t.call('POST', `/api/enrollments/${d}/finish`, { body: { reason: 'meeting_booked' } })).status,
    ).toBe(200);
    expect((await t.call('DELETE', `/api/enrollments/${h}`)).status).toBeLessThan(300);
    await expectRollupMatches(seq.id);

    // Rows deleted underneath: a removed step (its emails keep counting for the sequence) and an
    // enrollment deleted outright with its emails.
    const [, second] = await emailStepsOf(db, seq.id);
    await db.delete(steps).where(eq(steps.id, second?.id as string));
    await db.delete(enrollments).where(eq(enrollments.id, f));
    t.clock.set('2026-11-30T12:00:00Z');
    const final = await expectRollupMatches(seq.id, 3);
    expect(final.funnel).toMatchObject({ enrolled: 7, emailed: 5, replied: 2 });

    // The rollups rebuilt from scratch hold the same sums as the ones kept incrementally.
    const totals = async () =>
      t.db.database.query(
        `select (select sum(sent)::int from report_variant_counts) v,
                (select sum(enrolled)::int + sum(emailed) + sum(replied) + sum(bounced) + sum(not_sent) + sum(emails_sent) from report_sequence_counts) s,
                (select sum(sent)::int from report_send_counts) b`,
      );
    await db.execute(sql`select report_fold(null)`);
    const kept = await totals();
    await db.execute(sql`select report_rebuild()`);
    expect(await totals()).toEqual(kept);
    await expectRollupMatches(seq.id, 3);
  });
});

import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import {
  isInsideWindow,
  nextSendTime,
  resolveScheduleZone,
  windowEndAfter,
} from '../../shared/schedule/next-send-time';
import type { Schedule } from '../../shared/schemas/schedule';
import { evaluateSendGuards } from '../../shared/send-guard/engine';
import type { SendSnapshot } from '../../shared/send-guard/snapshot';
import { nextChangeSeq } from '../db/change-seq';
import type { Db } from '../db/client';
import { contacts, emails, enrollments, mailboxes, sequences, steps } from '../db/schema';
import { recordActivity } from '../domain/activity';
import { loadSnapshots } from '../domain/send-guard/load-snapshots';
import { assignMailboxes } from './mailbox-capacity';
import type { MailboxForSend, SchedulerConfig } from './scheduler-config';

export type EmailRow = typeof emails.$inferSelect;

/** One email this worker now owns (status `sending`, lease held) and must dispatch. */
export interface ClaimedSend {
  email: EmailRow;
  attemptId: string;
  teamId: string;
  enrollmentId: string;
  snapshot: SendSnapshot;
  mailbox: MailboxForSend;
}

const DAY_MS = 86_400_000;

/**
 * Where a due email goes next when it may not go out now: into the next window. A slot late beyond the
 * bound is stale, so it waits for the next window to open rather than joining the current one
 * (after downtime the backlog is spread over the coming windows, not blasted out at once).
 */
function reslot(
  schedule: Schedule,
  zone: string,
  slot: Date,
  now: Date,
  maxLatenessMinutes: number,
): Date | null {
  const late = now.getTime() - slot.getTime() > maxLatenessMinutes * 60_000;
  if (!late && isInsideWindow(schedule, zone, now)) return null;
  const from = late ? (windowEndAfter(schedule, zone, now) ?? now) : now;
  return nextSendTime(schedule, zone, from, 0);
}

/**
 * Phase one of a send, in one short transaction: lock due emails (SKIP LOCKED, so workers never wait
 * on each other), lock their mailboxes so caps hold across workers, then for each email decide:
 * re-slot (outside a window or stale), wait for mailbox capacity, not_sent with every guard reason, or
 * claim it (status `sending`, a fresh attempt id, a lease). No provider is called here.
 */
export async function claimBatch(db: Db, now: Date, config: SchedulerConfig): Promise<ClaimedSend[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({
        email: emails,
        enrollment: enrollments,
        schedule: sequences.schedule,
        timezone: contacts.timezone,
      })
      .from(emails)
      .innerJoin(enrollments, eq(enrollments.id, emails.enrollmentId))
      .innerJoin(sequences, eq(sequences.id, enrollments.sequenceId))
      .innerJoin(steps, eq(steps.id, emails.stepId))
      .innerJoin(contacts, eq(contacts.id, emails.contactId))
      .where(
        and(
          eq(emails.status, 'scheduled'),
          lte(emails.dueAt, now),
          inArray(enrollments.status, ['active', 'scheduled']),
          eq(sequences.active, true),
          eq(steps.active, true),
        ),
      )
      .orderBy(asc(emails.dueAt), desc(emails.prospectScore))
      .limit(config.batchSize)
      .for('update', { of: emails, skipLocked: true });
    if (due.length === 0) return [];

    const sendable: typeof due = [];
    for (const row of due) {
      const schedule = row.schedule as Schedule;
      const zone = resolveScheduleZone(schedule, row.timezone);
      const slot = row.email.scheduledAt ?? row.email.dueAt ?? now;
      const next = reslot(schedule, zone, slot, now, config.maxLatenessMinutes);
      if (!next) {
        sendable.push(row);
        continue;
      }
      await tx
        .update(emails)
        .set({
          dueAt: next,
          scheduledAt: next,
          waitingFor: 'window',
          updatedAt: now,
          changeSeq: nextChangeSeq(),
        })
        .where(eq(emails.id, row.email.id));
    }

    const mailboxIds = [...new Set(sendable.flatMap((r) => r.enrollment.mailboxIds))].sort();
    // Locked in id order so two workers never deadlock; held until commit so counts stay true.
    const boxes = mailboxIds.length
      ? await tx
          .select()
          .from(mailboxes)
          .where(inArray(mailboxes.id, mailboxIds))
          .orderBy(asc(mailboxes.id))
          .for('update')
      : [];
    const claims = mailboxIds.length
      ? await tx
          .select({ mailboxId: emails.mailboxId, claimedAt: emails.claimedAt })
          .from(emails)
          .where(
            and(
              inArray(emails.mailboxId, mailboxIds),
              gt(emails.claimedAt, new Date(now.getTime() - DAY_MS)),
              inArray(emails.status, ['sending', 'sent', 'bounced', 'unknown']),
            ),
          )
      : [];
    const decisions = assignMailboxes(
      now,
      boxes.map((b) => ({
        id: b.id,
        active: b.status === 'active',
        hourlyLimit: b.hourlyLimit,
        dailyLimit: b.dailyLimit,
        claims: claims.filter((c) => c.mailboxId === b.id && c.claimedAt).map((c) => c.claimedAt as Date),
      })),
      sendable.map((r) => ({ key: r.email.id, mailboxIds: r.enrollment.mailboxIds })),
    );
    const decisionByKey = new Map(decisions.map((d) => [d.key, d]));
    const boxById = new Map(boxes.map((b) => [b.id, b]));

    const toCheck: { row: (typeof due)[number]; mailboxId: string | null }[] = [];
    for (const row of sendable) {
      const d = decisionByKey.get(row.email.id);
      if (d?.kind === 'wait') {
        await tx
          .update(emails)
          .set({
            dueAt: d.retryAt,
            waitingFor: 'mailbox_capacity',
            updatedAt: now,
            changeSeq: nextChangeSeq(),
          })
          .where(eq(emails.id, row.email.id));
      } else {
        toCheck.push({ row, mailboxId: d?.kind === 'assigned' ? d.mailboxId : null });
      }
    }

    const snapshots = await loadSnapshots(
      tx,
      toCheck.map(({ row, mailboxId }) => ({
        key: row.email.id,
        emailId: row.email.id,
        teamId: row.email.teamId,
        contactId: row.email.contactId,
        actingUserId: row.enrollment.userId,
        mailboxId,
        sequenceId: row.enrollment.sequenceId,
        stepId: row.email.stepId,
        draft:
          row.email.bodyOverride !== null
            ? { subject: row.email.subject, body: row.email.bodyOverride }
            : null,
        thread: { previousMessageId: row.email.inReplyTo, threadId: row.email.threadId },
      })),
    );

    // One attempt id per batch: each email is claimed by exactly one batch per attempt, which is all
    // the outcome guard needs, and it lets the claim be one UPDATE per mailbox instead of per email.
    const attemptId = randomUUID();
    const byMailbox = new Map<string, { row: (typeof due)[number]; snapshot: SendSnapshot }[]>();
    for (const { row, mailboxId } of toCheck) {
      const snapshot = snapshots.get(row.email.id);
      if (!snapshot) continue;
      const verdict = evaluateSendGuards(snapshot, { now, force: row.email.forceSend });
      if (verdict.ok && mailboxId && boxById.has(mailboxId)) {
        byMailbox.set(mailboxId, [...(byMailbox.get(mailboxId) ?? []), { row, snapshot }]);
        continue;
      }
      const reason = verdict.reasons[0]?.code ?? 'no_send_from_mailbox';
      const detail = verdict.reasons.map((r) => (r.detail ? `${r.code}: ${r.detail}` : r.code)).join('; ');
      await tx
        .update(emails)
        .set({
          status: 'not_sent',
          reason,
          detail,
          mailboxId,
          waitingFor: null,
          updatedAt: now,
          changeSeq: nextChangeSeq(),
        })
        .where(eq(emails.id, row.email.id));
      await tx
        .update(enrollments)
        .set({ status: 'not_sent', updatedAt: now, changeSeq: nextChangeSeq() })
        .where(eq(enrollments.id, row.enrollment.id));
      await recordActivity(tx, {
        teamId: row.email.teamId,
        kind: 'email.not_sent',
        contactId: row.email.contactId,
        enrollmentId: row.enrollment.id,
        emailId: row.email.id,
        data: { reasons: verdict.reasons.map((r) => r.code), detail },
        at: now,
      });
    }

    const claimed: ClaimedSend[] = [];
    for (const [mailboxId, group] of byMailbox) {
      const box = boxById.get(mailboxId);
      if (!box) continue;
      const updated = await tx
        .update(emails)
        .set({
          status: 'sending',
          mailboxId,
          attemptId,
          claimedAt: now,
          leaseUntil: new Date(now.getTime() + config.leaseMs),
          attempts: sql`${emails.attempts} + 1`,
          waitingFor: null,
          updatedAt: now,
          changeSeq: nextChangeSeq(),
        })
        .where(
          inArray(
            emails.id,
            group.map((g) => g.row.email.id),
          ),
        )
        .returning();
      const rowById = new Map(updated.map((u) => [u.id, u]));
      for (const { row, snapshot } of group) {
        const email = rowById.get(row.email.id);
        if (!email) continue;
        claimed.push({
          email,
          attemptId,
          teamId: row.email.teamId,
          enrollmentId: row.enrollment.id,
          snapshot,
          mailbox: box,
        });
      }
    }
    return claimed;
  });
}

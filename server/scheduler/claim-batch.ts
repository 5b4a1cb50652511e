import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, lte } from 'drizzle-orm';
import { calendarForSchedule, type DayCalendar } from '../../shared/schedule/day-calendar';
import {
  isInsideWindow,
  nextSendTime,
  resolveScheduleZone,
  windowEndAfter,
} from '../../shared/schedule/next-send-time';
import type { Schedule } from '../../shared/schemas/schedule';
import { evaluateSendGuards } from '../../shared/send-guard/engine';
import { OWNER_INACTIVE_RECHECK_MS, ownerWait } from '../../shared/send-guard/owner-wait';
import type { SendSnapshot } from '../../shared/send-guard/snapshot';
import type { Db, Tx } from '../db/client';
import { contacts, emails, enrollments, sequences, steps } from '../db/schema';
import { loadSnapshots } from '../domain/send-guard/load-snapshots';
import {
  type Deferral,
  deferEmails,
  markSending,
  type Refusal,
  refuseEmails,
  setMailboxNextSendAt,
} from './claim-writes';
import { preferKeyedPlans } from './keyed-plans';
import { assignMailboxes } from './mailbox-capacity';
import { lockMailboxLoads, type MailboxRow } from './mailbox-load';
import { localDateIn, recipientDomain } from './pacing';
import type { MailboxForSend, SchedulerConfig } from './scheduler-config';

export type EmailRow = typeof emails.$inferSelect;

/** The columns of a claimed email that the claim, dispatch and recording read. */
export type ClaimedEmail = Pick<
  EmailRow,
  | 'id'
  | 'teamId'
  | 'enrollmentId'
  | 'contactId'
  | 'stepId'
  | 'mailboxId'
  | 'subject'
  | 'messageId'
  | 'threadId'
  | 'inReplyTo'
  | 'references'
  | 'bodyOverride'
  | 'forceSend'
  | 'scheduledAt'
  | 'dueAt'
  | 'attempts'
>;

/** One email this worker now owns (status `sending`, lease held) and must dispatch. */
export interface ClaimedSend {
  email: ClaimedEmail;
  attemptId: string;
  teamId: string;
  enrollmentId: string;
  snapshot: SendSnapshot;
  mailbox: MailboxForSend;
}

/** Where a due email that may not go out now goes: a new slot, and the holiday or blackout behind it. */
interface Reslot {
  at: Date;
  skipped: { reason: 'holiday' | 'blackout_date'; detail: string } | null;
}

/**
 * Where a due email goes next when it may not go out now: into the next window on a day that sends. A
 * slot late beyond the bound is stale, so it waits for the next window to open rather than joining the
 * current one (after downtime the backlog is spread over the coming windows, not blasted out at once).
 */
function reslot(
  schedule: Schedule,
  calendar: DayCalendar | undefined,
  zone: string,
  slot: Date,
  now: Date,
  maxLatenessMinutes: number,
): Reslot | null {
  const skip = calendar?.skip;
  const late = now.getTime() - slot.getTime() > maxLatenessMinutes * 60_000;
  if (!late && isInsideWindow(schedule, zone, now, skip)) return null;
  const from = late ? (windowEndAfter(schedule, zone, now, skip) ?? now) : now;
  const at = nextSendTime(schedule, zone, from, 0, skip);
  if (!calendar) return { at, skipped: null };
  // The first opening the plain windows offer: when the calendar moved past it, its day says why.
  const plain = nextSendTime(schedule, zone, from, 0);
  const why = plain.getTime() < at.getTime() ? calendar.explain(localDateIn(zone, plain)) : null;
  return { at, skipped: why && { reason: why.reason, detail: `${why.name}, ${why.date}` } };
}

/** An email of a deactivated owner is not attempted; it is looked at again now and then until reassigned. */
const holdForOwner = (id: string, ownerId: string, now: Date): Deferral => ({
  id,
  dueAt: new Date(now.getTime() + OWNER_INACTIVE_RECHECK_MS),
  scheduledAt: null,
  waitingFor: 'owner_inactive',
  waitReason: null,
  waitDetail: `owner ${ownerId} is deactivated`,
});

/**
 * Due emails in claim order, locked (SKIP LOCKED, so workers never wait on each other). Only the
 * columns the claim uses are read: this runs for every batch, and mapping whole rows cost more than
 * finding them. Run it after preferKeyedPlans, which makes it walk the due index and stop at `limit`.
 */
export function selectDue(tx: Tx, now: Date, limit: number) {
  return tx
    .select({
      email: {
        id: emails.id,
        teamId: emails.teamId,
        enrollmentId: emails.enrollmentId,
        contactId: emails.contactId,
        stepId: emails.stepId,
        mailboxId: emails.mailboxId,
        subject: emails.subject,
        messageId: emails.messageId,
        threadId: emails.threadId,
        inReplyTo: emails.inReplyTo,
        references: emails.references,
        bodyOverride: emails.bodyOverride,
        forceSend: emails.forceSend,
        scheduledAt: emails.scheduledAt,
        dueAt: emails.dueAt,
        attempts: emails.attempts,
      } satisfies Record<keyof ClaimedEmail, unknown>,
      enrollment: {
        id: enrollments.id,
        userId: enrollments.userId,
        sequenceId: enrollments.sequenceId,
        mailboxIds: enrollments.mailboxIds,
      },
      schedule: sequences.schedule,
      timezone: contacts.timezone,
      contactEmail: contacts.email,
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
    .limit(limit)
    .for('update', { of: emails, skipLocked: true });
}

type DueRow = Awaited<ReturnType<typeof selectDue>>[number];

/**
 * Phase one of a send, in one short transaction: lock due emails, lock their mailboxes so caps hold
 * across workers, then for each email decide: re-slot (outside a window or stale), wait for mailbox
 * capacity, not_sent with every guard reason, or claim it (status `sending`, a fresh attempt id, a
 * lease). Each kind of decision is written in one statement for the whole batch. No provider is
 * called here.
 */
export async function claimBatch(
  db: Db,
  now: Date,
  config: SchedulerConfig,
  random: () => number = Math.random,
): Promise<ClaimedSend[]> {
  return db.transaction(async (tx) => {
    await preferKeyedPlans(tx);
    const due = await selectDue(tx, now, config.batchSize);
    if (due.length === 0) return [];

    const deferred: Deferral[] = [];
    const sendable: DueRow[] = [];
    // One calendar per sequence in the batch: most have none, and holiday lookups are cached anyway.
    const calendars = new Map<string, DayCalendar | undefined>();
    for (const row of due) {
      const schedule = row.schedule as Schedule;
      const seq = row.enrollment.sequenceId;
      if (!calendars.has(seq)) calendars.set(seq, calendarForSchedule(schedule));
      const zone = resolveScheduleZone(schedule, row.timezone);
      const slot = row.email.scheduledAt ?? row.email.dueAt ?? now;
      const next = reslot(schedule, calendars.get(seq), zone, slot, now, config.maxLatenessMinutes);
      if (!next) sendable.push(row);
      else
        deferred.push({
          id: row.email.id,
          dueAt: next.at,
          scheduledAt: next.at,
          waitingFor: 'window',
          waitReason: next.skipped?.reason ?? null,
          waitDetail: next.skipped?.detail ?? null,
        });
    }

    const mailboxIds = [...new Set(sendable.flatMap((r) => r.enrollment.mailboxIds))].sort();
    const domainOf = new Map(sendable.map((r) => [r.email.id, recipientDomain(r.contactEmail)]));
    const domains = [...new Set(domainOf.values())].filter((d): d is string => d !== null);
    const { boxes, loads } = await lockMailboxLoads(tx, mailboxIds, now, domains);
    const decisions = assignMailboxes(
      now,
      loads,
      sendable.map((r) => ({
        key: r.email.id,
        mailboxIds: r.enrollment.mailboxIds,
        domain: domainOf.get(r.email.id) ?? null,
      })),
      random,
    );
    const decisionByKey = new Map(decisions.map((d) => [d.key, d]));
    const boxById = new Map(boxes.map((b) => [b.id, b]));

    const toCheck: { row: DueRow; mailboxId: string | null }[] = [];
    for (const row of sendable) {
      const d = decisionByKey.get(row.email.id);
      if (d?.kind === 'wait') {
        deferred.push({
          id: row.email.id,
          dueAt: d.retryAt,
          scheduledAt: null,
          waitingFor: 'mailbox_capacity',
          waitReason: d.reason,
          waitDetail: d.detail,
        });
      } else {
        toCheck.push({ row, mailboxId: d?.kind === 'assigned' ? d.mailboxId : null });
      }
    }
    await deferEmails(tx, deferred, now);

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

    const refused: Refusal[] = [];
    const held: Deferral[] = [];
    const byMailbox = new Map<string, { row: DueRow; snapshot: SendSnapshot }[]>();
    for (const { row, mailboxId } of toCheck) {
      const snapshot = snapshots.get(row.email.id);
      if (!snapshot) continue;
      const owner = ownerWait(snapshot);
      if (owner) {
        held.push(holdForOwner(row.email.id, owner.detail, now));
        continue;
      }
      const verdict = evaluateSendGuards(snapshot, { now, force: row.email.forceSend });
      if (verdict.ok && mailboxId && boxById.has(mailboxId)) {
        const group = byMailbox.get(mailboxId);
        if (group) group.push({ row, snapshot });
        else byMailbox.set(mailboxId, [{ row, snapshot }]);
        continue;
      }
      refused.push({
        id: row.email.id,
        teamId: row.email.teamId,
        contactId: row.email.contactId,
        enrollmentId: row.enrollment.id,
        mailboxId,
        reasons: verdict.reasons.map((r) => r.code),
        detail: verdict.reasons.map((r) => (r.detail ? `${r.code}: ${r.detail}` : r.code)).join('; '),
      });
    }
    await deferEmails(tx, held, now);
    await refuseEmails(tx, refused, now);
    // The gap runs from the claims that happened; a refused email took no send from its mailbox.
    const nextSendAt = new Map<string, Date>();
    for (const [mailboxId, group] of byMailbox) {
      for (const { row } of group) {
        const d = decisionByKey.get(row.email.id);
        const at = d?.kind === 'assigned' ? d.nextSendAt : undefined;
        const prev = nextSendAt.get(mailboxId);
        if (at && (!prev || at > prev)) nextSendAt.set(mailboxId, at);
      }
    }
    await setMailboxNextSendAt(tx, nextSendAt);
    return claim(tx, byMailbox, boxById, now, config.leaseMs);
  });
}

/**
 * Marks the checked emails `sending` and builds what dispatch needs. One attempt id per batch: each
 * email is claimed by exactly one batch per attempt, which is all the outcome guard needs. The claimed
 * emails are the locked rows plus the values just written, so they are not read back.
 */
async function claim(
  tx: Tx,
  byMailbox: ReadonlyMap<string, { row: DueRow; snapshot: SendSnapshot }[]>,
  boxById: ReadonlyMap<string, MailboxRow>,
  now: Date,
  leaseMs: number,
): Promise<ClaimedSend[]> {
  const attemptId = randomUUID();
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const written = await markSending(
    tx,
    [...byMailbox].flatMap(([mailboxId, group]) => group.map((g) => ({ id: g.row.email.id, mailboxId }))),
    { attemptId, leaseUntil },
    now,
  );
  const claimed: ClaimedSend[] = [];
  for (const [mailboxId, group] of byMailbox) {
    const box = boxById.get(mailboxId);
    if (!box) continue;
    for (const { row, snapshot } of group) {
      const columns = written.get(row.email.id);
      if (!columns) continue;
      claimed.push({
        email: { ...row.email, mailboxId, attempts: columns.attempts },
        attemptId,
        teamId: row.email.teamId,
        enrollmentId: row.enrollment.id,
        snapshot,
        mailbox: box,
      });
    }
  }
  return claimed;
}

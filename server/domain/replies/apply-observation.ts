import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { ActivityKind } from '../../../shared/enums';
import type { Tx } from '../../db/client';
import { bouncedAddresses, contacts, emails, enrollments, observedMessages } from '../../db/schema';
import { recordActivity } from '../activity';
import { lockEnrollment } from '../enrollments/complete-step';
import { finishEnrollmentRow, pauseEnrollmentRow } from '../enrollments/lifecycle';
import { cancelPendingWork } from '../enrollments/pending';
import type { EnrollmentRow } from '../enrollments/plan-step';
import { LIVE_STATUSES, type PlannedMessage, type PlannedTarget } from './match-thread';

export interface ObserveEvent {
  enrollmentId: string;
  kind: 'reply' | 'out_of_office';
  resumeAt?: Date;
}

export interface ObserveContext {
  teamId: string;
  /** The user whose page reported the thread; the changes themselves are the system's. */
  reporterId: string;
  host: 'gmail' | 'outlook' | 'imap';
  threadId: string;
  now: Date;
  /** Where the message was seen, for the enrollment's history: the page (default) or a mailbox sync. */
  seenIn?: { via: 'sync'; mailboxId: string; address: string; folder: string };
}

/**
 * What an out-of-office does to an enrollment:
 * - `pause`: running, so it pauses until the return date.
 * - `extend`: already paused with an earlier resume date; the later date wins, so a rep's "pause
 *   until Monday" is not cut short by an absence running to Friday, nor lengthened past a date the
 *   rep chose beyond the absence.
 * - `kept`: paused with no resume date (a rep's open-ended pause) or a later one; left as it is.
 * - `already_back`: the return date has passed by the time the thread was reported.
 * - `not_running`: `not_sent`, waiting for a rep to retry; there is no schedule to hold.
 */
type OooOutcome = 'pause' | 'extend' | 'kept' | 'already_back' | 'not_running';

function oooOutcome(e: EnrollmentRow, resumeAt: Date, now: Date): OooOutcome {
  if (resumeAt <= now) return 'already_back';
  if (e.status === 'not_sent') return 'not_running';
  if (e.status !== 'paused') return 'pause';
  if (e.resumeAt === null || e.resumeAt >= resumeAt) return 'kept';
  return 'extend';
}

const LIVE: readonly string[] = LIVE_STATUSES;

/**
 * Applies one reported message, in the caller's transaction. The observed_messages insert goes first
 * and everything else runs only when it inserted: a message reported twice, or by two reps at
 * once (the second insert waits on the first's key), changes things once.
 */
export async function applyObservation(
  tx: Tx,
  plan: PlannedMessage,
  ctx: ObserveContext,
): Promise<ObserveEvent[]> {
  const inserted = await tx
    .insert(observedMessages)
    .values({
      teamId: ctx.teamId,
      messageKey: plan.message.key,
      enrollmentId: plan.targets[0]?.enrollment.id ?? null,
      kind: plan.kind,
      createdAt: ctx.now,
    })
    .onConflictDoNothing()
    .returning({ key: observedMessages.messageKey });
  if (inserted.length === 0) return [];

  if (plan.colleague) await recordColleagueReply(tx, plan, plan.colleague, ctx);
  if (plan.kind === 'bounce') await markAddressesBounced(tx, plan, ctx);
  const events: ObserveEvent[] = [];
  // A fixed lock order, so two threads naming the same enrollments cannot deadlock.
  const targets = [...plan.targets].sort((a, b) => a.enrollment.id.localeCompare(b.enrollment.id));
  for (const t of targets) {
    const e = await lockEnrollment(tx, t.enrollment.id);
    // Finished, removed or bounced since the thread was read: nothing left to change.
    if (!e || !LIVE.includes(e.status)) continue;
    const event = await applyToEnrollment(tx, e, t, plan, ctx);
    if (event) events.push(event);
  }
  return events;
}

/** The colleague's answer, on their own history: it changes no enrollment, the send guard reads it. */
async function recordColleagueReply(
  tx: Tx,
  plan: PlannedMessage,
  colleague: NonNullable<PlannedMessage['colleague']>,
  ctx: ObserveContext,
): Promise<void> {
  const m = plan.message;
  await recordActivity(tx, {
    teamId: ctx.teamId,
    kind: 'email.replied',
    contactId: colleague.contact.id,
    emailId: colleague.emailId,
    at: ctx.now,
    data: {
      messageId: m.raw.messageId ?? null,
      from: m.raw.from,
      date: m.date.toISOString(),
      subject: m.subject ?? null,
      kind: colleague.classification.kind,
      evidence: colleague.classification.evidence,
      sameAccount: true,
      finished: false,
      threadId: ctx.threadId,
      host: ctx.host,
      reportedBy: ctx.reporterId,
      seenIn: ctx.seenIn ?? { via: 'page' },
    },
  });
}

function activityData(
  plan: PlannedMessage,
  t: PlannedTarget,
  ctx: ObserveContext,
  extra: Record<string, unknown>,
) {
  const m = plan.message;
  return {
    messageId: m.raw.messageId ?? null,
    from: m.raw.from,
    date: m.date.toISOString(),
    subject: m.subject ?? null,
    kind: t.classification.kind,
    evidence: t.classification.evidence,
    ...(t.classification.resumeAt && { resumeAt: t.classification.resumeAt.toISOString() }),
    ...(t.classification.returnDateFound !== undefined && {
      returnDateFound: t.classification.returnDateFound,
    }),
    sequenceId: t.enrollment.sequenceId,
    threadId: ctx.threadId,
    host: ctx.host,
    reportedBy: ctx.reporterId,
    seenIn: ctx.seenIn ?? { via: 'page' },
    ...extra,
  };
}

async function applyToEnrollment(
  tx: Tx,
  e: EnrollmentRow,
  t: PlannedTarget,
  plan: PlannedMessage,
  ctx: ObserveContext,
): Promise<ObserveEvent | null> {
  const system = { now: ctx.now, actorId: null };
  const activity = (kind: ActivityKind, extra: Record<string, unknown> = {}) =>
    recordActivity(tx, {
      teamId: e.teamId,
      kind,
      contactId: e.contactId,
      enrollmentId: e.id,
      emailId: t.emailId,
      at: ctx.now,
      data: activityData(plan, t, ctx, extra),
    });

  switch (t.classification.kind) {
    case 'reply': {
      // Recorded whatever the ruleset says: same-account protection reads this activity.
      await activity('email.replied', { finished: t.enrollment.finishOnReply });
      if (t.enrollment.finishOnReply) await finishEnrollmentRow(tx, e.id, { ...system, reason: 'replied' });
      return { enrollmentId: e.id, kind: 'reply' };
    }
    case 'out_of_office': {
      const resumeAt = t.classification.resumeAt;
      if (!resumeAt) throw new Error('an out-of-office classification without resumeAt');
      const outcome = oooOutcome(e, resumeAt, ctx.now);
      await activity('email.out_of_office', {
        outcome,
        ...(e.resumeAt && { previousResumeAt: e.resumeAt.toISOString() }),
      });
      if (outcome !== 'pause' && outcome !== 'extend') return null;
      await pauseEnrollmentRow(tx, e.id, { ...system, resumeAt, reason: 'out_of_office' });
      return { enrollmentId: e.id, kind: 'out_of_office', resumeAt };
    }
    case 'auto_reply':
      await activity('email.auto_replied');
      return null;
    case 'bounce':
      await bounceEnrollment(tx, e, t, ctx);
      await activity('email.bounced', {
        detail: t.classification.evidence,
        ...(isSoftBounce(t) && { soft: true }),
      });
      return null;
  }
}

/**
 * A final report of a temporary failure (4.x.x, a full mailbox) after the sending server gave up: the
 * email and this sequence stop as bounced, but the address is not put on the team's bounce list nor the
 * contact flagged, because the mailbox may take mail again next week and a rep may re-enroll them.
 */
const isSoftBounce = (t: PlannedTarget) => t.classification.automated === 'soft_bounce';

/** The address is bad: flag the contact and the team-wide list, as a provider-reported bounce does. */
async function markAddressesBounced(tx: Tx, plan: PlannedMessage, ctx: ObserveContext): Promise<void> {
  const hard = plan.targets.filter((t) => !isSoftBounce(t));
  if (hard.length === 0) return;
  const ids = [...new Set(hard.map((t) => t.contact.id))];
  await tx
    .update(contacts)
    .set({ bouncedAt: ctx.now, updatedAt: ctx.now })
    .where(and(inArray(contacts.id, ids), isNull(contacts.bouncedAt)));
  const addresses = [...new Set(hard.flatMap((t) => (t.contact.emailLower ? [t.contact.emailLower] : [])))];
  if (addresses.length === 0) return;
  await tx
    .insert(bouncedAddresses)
    .values(
      addresses.map((address) => ({
        teamId: ctx.teamId,
        address,
        detail: plan.evidence,
        createdAt: ctx.now,
      })),
    )
    .onConflictDoNothing();
}

async function markEmailBounced(tx: Tx, t: PlannedTarget, ctx: ObserveContext): Promise<void> {
  if (!t.emailId) return;
  await tx
    .update(emails)
    .set({
      status: 'bounced',
      detail: t.classification.evidence,
      updatedAt: ctx.now,
    })
    .where(and(eq(emails.id, t.emailId), inArray(emails.status, ['sent', 'unknown'])));
}

/**
 * Every later send to the address would bounce too, so the enrollment stops as `bounced`; its
 * pending rows are withdrawn (never handed to a provider, so not history).
 */
async function bounceEnrollment(
  tx: Tx,
  e: EnrollmentRow,
  t: PlannedTarget,
  ctx: ObserveContext,
): Promise<void> {
  await markEmailBounced(tx, t, ctx);
  await cancelPendingWork(tx, [e.id], ctx.now);
  await tx
    .update(enrollments)
    .set({
      status: 'bounced',
      pausedReason: null,
      resumeAt: null,
      nextRunAt: null,
      updatedAt: ctx.now,
    })
    .where(eq(enrollments.id, e.id));
}

import { and, asc, eq, lte } from 'drizzle-orm';
import { calendarForSchedule } from '../../../shared/schedule/day-calendar';
import { nextSendTime, resolveScheduleZone } from '../../../shared/schedule/next-send-time';
import type { FinishReason } from '../../../shared/schemas/enrollment';
import type { Db, DbOrTx } from '../../db/client';
import { contacts, emails, enrollments, sequences } from '../../db/schema';
import { recordActivity } from '../activity';
import { conflict, invalid } from '../errors';
import { scheduleOf } from '../sequences/dto';
import { lockEnrollment } from './complete-step';
import { cancelPendingWork } from './pending';
import type { EnrollmentRow } from './plan-step';
import { isRunningStatus, loadSteps, pendingDueAt, scheduleCurrentStep } from './schedule-step';

export interface Actor {
  now: Date;
  /** The user who asked; null when the system acts (auto-resume, out-of-office). */
  actorId: string | null;
}

async function locked(tx: DbOrTx, id: string): Promise<EnrollmentRow> {
  const e = await lockEnrollment(tx, id);
  if (!e) throw conflict('the enrollment no longer exists');
  return e;
}

const activityBase = (e: EnrollmentRow, a: Actor) => ({
  teamId: e.teamId,
  contactId: e.contactId,
  enrollmentId: e.id,
  actorId: a.actorId,
  at: a.now,
});

/** Waiting to start (startAt ahead) reads `scheduled`; anything under way reads `active`. */
const runningStatusAt = (e: Pick<EnrollmentRow, 'stepAnchorAt'>, now: Date) =>
  e.stepAnchorAt > now ? ('scheduled' as const) : ('active' as const);

/**
 * Pauses a running enrollment, optionally until `resumeAt` (which must lie ahead). Pausing a paused
 * one updates its resume date. Its pending email stays in place, and the scheduler does not send
 * for a paused enrollment, so an email already `sending` is not disturbed.
 */
export async function pauseEnrollmentRow(
  tx: DbOrTx,
  id: string,
  a: Actor & { resumeAt?: Date | null | undefined; reason?: string | undefined },
): Promise<EnrollmentRow> {
  if (a.resumeAt && a.resumeAt <= a.now) throw invalid('resumeAt must be in the future');
  const e = await locked(tx, id);
  if (!isRunningStatus(e.status)) throw conflict(`a ${e.status} enrollment cannot be paused`);
  const reason = a.reason ?? 'manual';
  const [row] = await tx
    .update(enrollments)
    .set({
      status: 'paused',
      pausedReason: reason,
      resumeAt: a.resumeAt ?? null,
      nextRunAt: a.resumeAt ?? null,
      updatedAt: a.now,
    })
    .where(eq(enrollments.id, id))
    .returning();
  await recordActivity(tx, {
    ...activityBase(e, a),
    kind: 'enrollment.paused',
    data: { sequenceId: e.sequenceId, reason, resumeAt: a.resumeAt?.toISOString() ?? null, from: e.status },
  });
  return row ?? e;
}

/**
 * Resumes a paused enrollment. The pending email of its current step is re-slotted from now: a
 * slot still ahead is kept (moved to the next window if the schedule changed), a slot that passed
 * during the pause goes at the first window opening from now. One row per enrollment and step
 * means a long pause can never release a burst of old steps.
 */
export async function resumeEnrollmentRow(
  tx: DbOrTx,
  id: string,
  a: Actor & { cause?: 'manual' | 'auto' },
): Promise<EnrollmentRow> {
  const e = await locked(tx, id);
  if (e.status !== 'paused')
    throw conflict(`only a paused enrollment can be resumed (this one is ${e.status})`);
  const [updated] = await tx
    .update(enrollments)
    .set({ status: runningStatusAt(e, a.now), pausedReason: null, resumeAt: null, updatedAt: a.now })
    .where(eq(enrollments.id, id))
    .returning();
  const [sequence] = await tx.select().from(sequences).where(eq(sequences.id, e.sequenceId));
  const [contact] = await tx
    .select({
      id: contacts.id,
      timezone: contacts.timezone,
      ownerId: contacts.ownerId,
      prospectScore: contacts.prospectScore,
    })
    .from(contacts)
    .where(eq(contacts.id, e.contactId));
  if (!updated || !sequence || !contact) throw new Error(`enrollment ${id} lost its sequence or contact`);
  const stepRows = await loadSteps(tx, e.sequenceId);
  const step = stepRows.find((s) => s.position === e.currentStep);
  if (step) {
    const [pending] = await tx
      .select()
      .from(emails)
      .where(and(eq(emails.enrollmentId, id), eq(emails.stepId, step.id), eq(emails.status, 'scheduled')));
    if (pending) {
      const schedule = scheduleOf(sequence);
      const slot = pending.scheduledAt ?? pending.dueAt ?? a.now;
      const from = new Date(Math.max(slot.getTime(), a.now.getTime()));
      const zone = resolveScheduleZone(schedule, contact.timezone);
      const at = nextSendTime(schedule, zone, from, 0, calendarForSchedule(schedule)?.skip);
      const moved = at.getTime() !== slot.getTime();
      await tx
        .update(emails)
        .set({
          dueAt: at,
          scheduledAt: at,
          ...(moved && { waitingFor: at > a.now ? ('window' as const) : null }),
          updatedAt: a.now,
        })
        .where(and(eq(emails.id, pending.id), eq(emails.status, 'scheduled')));
    } else {
      await scheduleCurrentStep(tx, updated, sequence, stepRows, contact, a.now);
    }
  }
  const [row] = await tx
    .update(enrollments)
    .set({ nextRunAt: await pendingDueAt(tx, id), updatedAt: a.now })
    .where(eq(enrollments.id, id))
    .returning();
  await recordActivity(tx, {
    ...activityBase(e, a),
    kind: 'enrollment.resumed',
    data: { sequenceId: e.sequenceId, cause: a.cause ?? 'manual', pausedReason: e.pausedReason },
  });
  return row ?? updated;
}

async function stop(
  tx: DbOrTx,
  id: string,
  a: Actor,
  to: 'finished' | 'removed',
  reason: string | null,
): Promise<EnrollmentRow> {
  const e = await locked(tx, id);
  const cancelled = await cancelPendingWork(tx, [id], a.now);
  const [row] = await tx
    .update(enrollments)
    .set({
      status: to,
      ...(to === 'finished' && { finishedReason: reason }),
      pausedReason: null,
      resumeAt: null,
      nextRunAt: null,
      updatedAt: a.now,
    })
    .where(eq(enrollments.id, id))
    .returning();
  await recordActivity(tx, {
    ...activityBase(e, a),
    kind: to === 'finished' ? 'enrollment.finished' : 'enrollment.removed',
    data: { sequenceId: e.sequenceId, from: e.status, ...(reason && { reason }), ...cancelled },
  });
  return row ?? e;
}

/** Ends the enrollment with a reason; history stays, pending work is withdrawn. */
export async function finishEnrollmentRow(
  tx: DbOrTx,
  id: string,
  a: Actor & { reason: FinishReason },
): Promise<EnrollmentRow> {
  const e = await locked(tx, id);
  if (e.status === 'finished' || e.status === 'removed') {
    throw conflict(`the enrollment is already ${e.status}`);
  }
  return stop(tx, id, a, 'finished', a.reason);
}

/**
 * Takes the contact out of the sequence, keeping the row, its emails and its activities, so that
 * enrolling the contact again resumes at the same step. Removing twice changes nothing.
 */
export async function removeEnrollmentRow(tx: DbOrTx, id: string, a: Actor): Promise<EnrollmentRow> {
  const e = await locked(tx, id);
  if (e.status === 'removed') return e;
  return stop(tx, id, a, 'removed', null);
}

const RESUME_BATCH = 200;

/**
 * For the scheduler loop: resumes every paused enrollment whose resume date has come (manual
 * auto-resume dates and out-of-office returns alike). Works in batches, each its own transaction,
 * skipping rows another worker holds; the partial index on resume_at keeps it cheap per tick.
 * Returns how many were resumed.
 */
export async function resumeDueEnrollments(db: Db, now: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: enrollments.id })
        .from(enrollments)
        .where(and(eq(enrollments.status, 'paused'), lte(enrollments.resumeAt, now)))
        .orderBy(asc(enrollments.resumeAt))
        .limit(RESUME_BATCH)
        .for('update', { skipLocked: true });
      for (const { id } of due) await resumeEnrollmentRow(tx, id, { now, actorId: null, cause: 'auto' });
      return due.length;
    });
    total += n;
    if (n < RESUME_BATCH) return total;
  }
}

/**
 * Enrollments whose start date (startAt) has passed read `active` from then on. Their first email
 * was planned at enrollment, and the claim sends for `scheduled` ones too, so this only corrects the
 * status shown before the first step completes (completeStep flips it as well). It scans by status
 * (no index covers it), so run it every few minutes rather than on every scheduler tick.
 */
export async function startDueEnrollments(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const started = await tx
      .update(enrollments)
      .set({ status: 'active', updatedAt: now })
      .where(and(eq(enrollments.status, 'scheduled'), lte(enrollments.stepAnchorAt, now)))
      .returning({ id: enrollments.id, teamId: enrollments.teamId, contactId: enrollments.contactId });
    for (let i = 0; i < started.length; i += 1000) {
      await recordActivity(
        tx,
        started.slice(i, i + 1000).map((e) => ({
          teamId: e.teamId,
          contactId: e.contactId,
          enrollmentId: e.id,
          kind: 'enrollment.started',
          at: now,
        })),
      );
    }
    return started.length;
  });
}

import { and, asc, eq, lte } from 'drizzle-orm';
import type { FinishReason } from '../../../shared/schemas/enrollment';
import type { Db, DbOrTx } from '../../db/client';
import { enrollments } from '../../db/schema';
import { recordActivity } from '../activity';
import { conflict, invalid } from '../errors';
import { applyLifecycleMany, type BulkCommand } from './bulk-lifecycle';
import type { EnrollmentRow } from './plan-step';

export interface Actor {
  now: Date;
  /** The user who asked; null when the system acts (auto-resume, out-of-office). */
  actorId: string | null;
}

/**
 * One enrollment through the bulk path (bulk-lifecycle.ts), so a single call and a bulk call share
 * their rules, updates and history rows. A conflict the bulk path reports per id is thrown here as
 * the single routes' 409.
 */
async function applyOne(tx: DbOrTx, id: string, cmd: BulkCommand, a: Actor): Promise<EnrollmentRow> {
  const change = (await applyLifecycleMany(tx, [id], cmd, a.now, a.actorId)).get(id);
  if (!change) throw new Error(`no outcome for enrollment ${id}`);
  if (!change.ok) throw conflict(change.message);
  return change.row;
}

/**
 * Pauses a running enrollment, optionally until `resumeAt` (which must lie ahead). Pausing a paused
 * one updates its resume date. Its pending email stays in place, and the scheduler does not send
 * for a paused enrollment, so an email already `sending` is not disturbed.
 */
export function pauseEnrollmentRow(
  tx: DbOrTx,
  id: string,
  a: Actor & { resumeAt?: Date | null | undefined; reason?: string | undefined },
): Promise<EnrollmentRow> {
  if (a.resumeAt && a.resumeAt <= a.now) throw invalid('resumeAt must be in the future');
  return applyOne(tx, id, { action: 'pause', resumeAt: a.resumeAt ?? null, reason: a.reason ?? 'manual' }, a);
}

/**
 * Resumes a paused enrollment. The pending email of its current step is re-slotted from now: a
 * slot still ahead is kept (moved to the next window if the schedule changed), a slot that passed
 * during the pause goes at the first window opening from now. One row per enrollment and step
 * means a long pause can never release a burst of old steps.
 */
export function resumeEnrollmentRow(
  tx: DbOrTx,
  id: string,
  a: Actor & { cause?: 'manual' | 'auto' },
): Promise<EnrollmentRow> {
  return applyOne(tx, id, { action: 'resume', cause: a.cause ?? 'manual' }, a);
}

/** Ends the enrollment with a reason; history stays, pending work is withdrawn. */
export function finishEnrollmentRow(
  tx: DbOrTx,
  id: string,
  a: Actor & { reason: FinishReason },
): Promise<EnrollmentRow> {
  return applyOne(tx, id, { action: 'finish', reason: a.reason }, a);
}

/**
 * Takes the contact out of the sequence, keeping the row, its emails and its activities, so that
 * enrolling the contact again resumes at the same step. Removing twice changes nothing.
 */
export function removeEnrollmentRow(tx: DbOrTx, id: string, a: Actor): Promise<EnrollmentRow> {
  return applyOne(tx, id, { action: 'remove' }, a);
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
      await applyLifecycleMany(
        tx,
        due.map((d) => d.id),
        { action: 'resume', cause: 'auto' },
        now,
        null,
      );
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

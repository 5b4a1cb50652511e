import { eq } from 'drizzle-orm';
import { nextChangeSeq } from '../../db/change-seq';
import { contacts, enrollments, sequences } from '../../db/schema';
import { recordActivity } from '../activity';
import type { EnrollmentRow, StepPlan } from './plan-step';
import { type DbOrTx, isRunningStatus, loadSteps, scheduleCurrentStep } from './schedule-step';

/** Why an enrollment ended on its own: it went through every step (not one of the API's finish reasons). */
export const COMPLETED_REASON = 'completed';

export type CompleteStepResult =
  | { outcome: 'advanced'; enrollment: EnrollmentRow; next: StepPlan | null }
  | { outcome: 'finished'; enrollment: EnrollmentRow }
  /** Nothing done: unknown enrollment, no step at its position, or not the step the caller meant. */
  | { outcome: 'stale'; enrollment: EnrollmentRow | null };

export async function lockEnrollment(tx: DbOrTx, id: string): Promise<EnrollmentRow | undefined> {
  const [row] = await tx.select().from(enrollments).where(eq(enrollments.id, id)).for('update');
  return row;
}

/**
 * Marks the enrollment's current step done and moves on: the next step is planned with its wait
 * counted from `now`, or, after the last step, the enrollment finishes with reason `completed` and
 * `currentStep` one past the last step (so re-enrolling cannot repeat a step).
 *
 * Pass `stepId` (the step the caller just completed): when the enrollment is no longer at that step
 * the call changes nothing, so a retried or duplicate completion cannot skip a step. An enrollment
 * that was finished or removed meanwhile still records the progress (each step goes out once), but
 * nothing further is planned; a paused one gets its next row planned, which waits for the resume.
 */
export async function completeStep(
  tx: DbOrTx,
  enrollmentId: string,
  now: Date,
  opts: { stepId?: string | undefined; actorId?: string | null | undefined } = {},
): Promise<CompleteStepResult> {
  const e = await lockEnrollment(tx, enrollmentId);
  if (!e) return { outcome: 'stale', enrollment: null };
  const stepRows = await loadSteps(tx, e.sequenceId);
  const current = stepRows.find((s) => s.position === e.currentStep);
  if (!current || (opts.stepId !== undefined && current.id !== opts.stepId)) {
    return { outcome: 'stale', enrollment: e };
  }
  const running = isRunningStatus(e.status);
  const lastPosition = stepRows.reduce((max, s) => Math.max(max, s.position), 0);
  const finishes = running && e.currentStep + 1 > lastPosition;
  const [updated] = await tx
    .update(enrollments)
    .set({
      currentStep: e.currentStep + 1,
      stepAnchorAt: now,
      ...(e.status === 'scheduled' && { status: 'active' as const }),
      ...(finishes && { status: 'finished' as const, finishedReason: COMPLETED_REASON, nextRunAt: null }),
      ...(!running && { nextRunAt: null }),
      updatedAt: now,
      changeSeq: nextChangeSeq(),
    })
    .where(eq(enrollments.id, e.id))
    .returning();
  if (!updated) throw new Error(`enrollment ${e.id} vanished while locked`);
  const base = {
    teamId: e.teamId,
    contactId: e.contactId,
    enrollmentId: e.id,
    actorId: opts.actorId,
    at: now,
  };
  await recordActivity(tx, [
    {
      ...base,
      kind: 'enrollment.step_completed',
      data: { sequenceId: e.sequenceId, stepId: current.id, position: current.position, type: current.type },
    },
    ...(finishes
      ? [
          {
            ...base,
            kind: 'enrollment.finished',
            data: { sequenceId: e.sequenceId, reason: COMPLETED_REASON },
          },
        ]
      : []),
  ]);
  if (finishes) return { outcome: 'finished', enrollment: updated };
  if (!running) return { outcome: 'advanced', enrollment: updated, next: null };

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
  if (!sequence || !contact) throw new Error(`enrollment ${e.id} lost its sequence or contact`);
  const next = await scheduleCurrentStep(tx, updated, sequence, stepRows, contact, now);
  const [fresh] = await tx.select().from(enrollments).where(eq(enrollments.id, e.id));
  return { outcome: 'advanced', enrollment: fresh ?? updated, next };
}

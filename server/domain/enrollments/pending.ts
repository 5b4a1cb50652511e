import { and, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { contacts, emails, enrollments, sequences, steps, tasks } from '../../db/schema';
import type { StepRow } from '../sequences/dto';
import { chunks, loadSteps, runningStatuses, scheduleSteps } from './schedule-step';

export interface CancelledWork {
  emailsCancelled: number;
  tasksSkipped: number;
}

/**
 * Withdraws an enrollment's pending work when it stops (finish, remove). Rows still `scheduled`
 * were never handed to a provider, so they are not history and are deleted; a row already
 * `sending` belongs to the scheduler and is left alone. Open tasks become `skipped` (kept, since a
 * rep may have seen them).
 */
export async function cancelPendingWork(tx: DbOrTx, enrollmentIds: readonly string[], now: Date) {
  const out: CancelledWork = { emailsCancelled: 0, tasksSkipped: 0 };
  for (const part of chunks(enrollmentIds)) {
    const gone = await tx
      .delete(emails)
      .where(and(inArray(emails.enrollmentId, part), eq(emails.status, 'scheduled')))
      .returning({ id: emails.id });
    const skipped = await tx
      .update(tasks)
      .set({ status: 'skipped', updatedAt: now })
      .where(and(inArray(tasks.enrollmentId, part), eq(tasks.status, 'open')))
      .returning({ id: tasks.id });
    out.emailsCancelled += gone.length;
    out.tasksSkipped += skipped.length;
  }
  return out;
}

/**
 * Before steps change (edited, switched off, removed, reordered), withdraws the pending rows that
 * were planned from their old version, so they can be planned again. Only auto-email rows of the
 * step an enrollment is currently at are pending in that sense; an email a rep already wrote for a
 * completed manual-email task is kept. Tasks are skipped only when `tasksToo` (the step is gone, off
 * or no longer a task of that kind); otherwise an open task stays as it is.
 */
export async function withdrawStepRows(
  tx: DbOrTx,
  sequenceId: string,
  stepIds: readonly string[],
  opts: { tasksToo: readonly string[] },
  now: Date,
): Promise<void> {
  if (stepIds.length > 0) {
    const atCurrentStep = tx
      .select({ id: emails.id })
      .from(emails)
      .innerJoin(enrollments, eq(enrollments.id, emails.enrollmentId))
      .innerJoin(steps, eq(steps.id, emails.stepId))
      .where(
        and(
          eq(enrollments.sequenceId, sequenceId),
          eq(steps.position, enrollments.currentStep),
          eq(steps.type, 'auto_email'),
          inArray(steps.id, [...stepIds]),
          eq(emails.status, 'scheduled'),
        ),
      );
    await tx.delete(emails).where(and(inArray(emails.id, atCurrentStep), eq(emails.status, 'scheduled')));
  }
  if (opts.tasksToo.length > 0) {
    await tx
      .update(tasks)
      .set({ status: 'skipped', updatedAt: now })
      .where(and(inArray(tasks.stepId, [...opts.tasksToo]), eq(tasks.status, 'open')));
  }
}

/**
 * Plans the current step of every running enrollment of the sequence that has no row for it yet,
 * and clears next_run_at of those held at a missing or inactive step. Called after steps are added,
 * edited, switched on or off, or reordered; cheap when nothing is waiting.
 */
export async function scheduleWaitingEnrollments(tx: DbOrTx, sequenceId: string, now: Date): Promise<number> {
  const [sequence] = await tx.select().from(sequences).where(eq(sequences.id, sequenceId));
  if (!sequence) return 0;
  const stepRows: StepRow[] = await loadSteps(tx, sequenceId);
  const noRowYet = and(
    eq(steps.active, true),
    sql`not exists (select 1 from ${emails} where ${emails.enrollmentId} = ${enrollments.id} and ${emails.stepId} = ${steps.id})`,
    sql`not exists (select 1 from ${tasks} where ${tasks.enrollmentId} = ${enrollments.id} and ${tasks.stepId} = ${steps.id} and ${tasks.status} <> 'skipped')`,
  );
  const heldButDue = and(or(isNull(steps.id), eq(steps.active, false)), isNotNull(enrollments.nextRunAt));
  const rows = await tx
    .select({
      enrollment: enrollments,
      contact: {
        id: contacts.id,
        timezone: contacts.timezone,
        ownerId: contacts.ownerId,
        prospectScore: contacts.prospectScore,
      },
    })
    .from(enrollments)
    .innerJoin(contacts, eq(contacts.id, enrollments.contactId))
    .leftJoin(
      steps,
      and(eq(steps.sequenceId, enrollments.sequenceId), eq(steps.position, enrollments.currentStep)),
    )
    .where(
      and(
        eq(enrollments.sequenceId, sequenceId),
        inArray(enrollments.status, [...runningStatuses]),
        or(noRowYet, heldButDue),
      ),
    );
  await scheduleSteps(tx, sequence, stepRows, rows, now);
  return rows.length;
}

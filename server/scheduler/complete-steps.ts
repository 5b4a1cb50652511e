import { asc, inArray, sql } from 'drizzle-orm';
import { nextChangeSeq } from '../db/change-seq';
import type { Tx } from '../db/client';
import { contacts, enrollments, sequences, steps } from '../db/schema';
import { type ActivityInput, recordActivity } from '../domain/activity';
import { COMPLETED_REASON } from '../domain/enrollments/complete-step';
import type { EnrollmentRow } from '../domain/enrollments/plan-step';
import { isRunningStatus, type ScheduleTarget, scheduleSteps } from '../domain/enrollments/schedule-step';

export interface CompletedSend {
  enrollmentId: string;
  /** The step that was just sent; an enrollment no longer at that step is left alone. */
  stepId: string | null;
}

/**
 * completeStep (domain/enrollments) for a whole wave of sends in a fixed number of statements: the
 * same rules (advance, finish after the last step, plan the next step with its wait from now), but
 * batched so recording outcomes does not cost a handful of round trips per email.
 */
export async function completeSteps(tx: Tx, items: CompletedSend[], now: Date): Promise<void> {
  if (items.length === 0) return;
  const stepFor = new Map(items.map((i) => [i.enrollmentId, i.stepId]));
  const locked = await tx
    .select()
    .from(enrollments)
    .where(inArray(enrollments.id, [...stepFor.keys()]))
    .orderBy(asc(enrollments.id))
    .for('update');
  const seqIds = [...new Set(locked.map((e) => e.sequenceId))];
  const stepRows = await tx.select().from(steps).where(inArray(steps.sequenceId, seqIds));
  const stepsOf = new Map<string, (typeof stepRows)[number][]>();
  for (const s of stepRows) stepsOf.set(s.sequenceId, [...(stepsOf.get(s.sequenceId) ?? []), s]);

  const finishing: EnrollmentRow[] = [];
  const advancing: EnrollmentRow[] = [];
  const parked: EnrollmentRow[] = [];
  const activity: ActivityInput[] = [];
  for (const e of locked) {
    const list = stepsOf.get(e.sequenceId) ?? [];
    const current = list.find((s) => s.position === e.currentStep);
    const expected = stepFor.get(e.id);
    if (!current || (expected != null && current.id !== expected)) continue;
    const last = list.reduce((max, s) => Math.max(max, s.position), 0);
    const running = isRunningStatus(e.status);
    const base = { teamId: e.teamId, contactId: e.contactId, enrollmentId: e.id, at: now };
    activity.push({
      ...base,
      kind: 'enrollment.step_completed',
      data: { sequenceId: e.sequenceId, stepId: current.id, position: current.position, type: current.type },
    });
    if (running && e.currentStep + 1 > last) {
      finishing.push(e);
      activity.push({
        ...base,
        kind: 'enrollment.finished',
        data: { sequenceId: e.sequenceId, reason: COMPLETED_REASON },
      });
    } else if (running) advancing.push(e);
    else parked.push(e);
  }

  const common = {
    currentStep: sql`${enrollments.currentStep} + 1`,
    stepAnchorAt: now,
    updatedAt: now,
    changeSeq: nextChangeSeq(),
  };
  if (finishing.length > 0) {
    await tx
      .update(enrollments)
      .set({ ...common, status: 'finished', finishedReason: COMPLETED_REASON, nextRunAt: null })
      .where(
        inArray(
          enrollments.id,
          finishing.map((e) => e.id),
        ),
      );
  }
  if (parked.length > 0) {
    await tx
      .update(enrollments)
      .set({ ...common, nextRunAt: null })
      .where(
        inArray(
          enrollments.id,
          parked.map((e) => e.id),
        ),
      );
  }
  let moved: EnrollmentRow[] = [];
  if (advancing.length > 0) {
    moved = await tx
      .update(enrollments)
      .set({
        ...common,
        status: sql`case when ${enrollments.status} = 'scheduled' then 'active' else ${enrollments.status} end`,
      })
      .where(
        inArray(
          enrollments.id,
          advancing.map((e) => e.id),
        ),
      )
      .returning();
  }
  await recordActivity(tx, activity);
  if (moved.length === 0) return;

  const contactRows = await tx
    .select({
      id: contacts.id,
      timezone: contacts.timezone,
      ownerId: contacts.ownerId,
      prospectScore: contacts.prospectScore,
    })
    .from(contacts)
    .where(
      inArray(
        contacts.id,
        moved.map((e) => e.contactId),
      ),
    );
  const contactById = new Map(contactRows.map((c) => [c.id, c]));
  const sequenceRows = await tx
    .select()
    .from(sequences)
    .where(inArray(sequences.id, [...new Set(moved.map((e) => e.sequenceId))]));
  for (const sequence of sequenceRows) {
    const targets: ScheduleTarget[] = [];
    for (const e of moved) {
      const contact = contactById.get(e.contactId);
      if (e.sequenceId === sequence.id && contact) targets.push({ enrollment: e, contact });
    }
    await scheduleSteps(tx, sequence, stepsOf.get(sequence.id) ?? [], targets, now);
  }
}

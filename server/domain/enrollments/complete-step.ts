import { asc, eq, sql } from 'drizzle-orm';
import { inList } from '../../db/bulk';
import type { DbOrTx } from '../../db/client';
import { runPrepared } from '../../db/prepared';
import { contacts, enrollments, sequences, steps } from '../../db/schema';
import { type ActivityInput, recordActivity } from '../activity';
import type { StepRow } from '../sequences/dto';
import type { EnrollmentRow, PlanEnrollment, StepPlan } from './plan-step';
import { isRunningStatus, type ScheduleTarget, scheduleSteps } from './schedule-step';

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

export interface StepCompletion {
  enrollmentId: string;
  /** The step the caller just completed; when the enrollment is no longer there, nothing changes. */
  stepId?: string | null | undefined;
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
  const results = await completeSteps(tx, [{ enrollmentId, stepId: opts.stepId }], now, {
    actorId: opts.actorId,
  });
  return results.get(enrollmentId) ?? { outcome: 'stale', enrollment: null };
}

export interface CompleteStepsOptions {
  actorId?: string | null | undefined;
  /** The caller's own history of the same change, written in the same insert as the steps'. */
  activity?: readonly ActivityInput[];
  /**
   * Read advanced enrollments back after planning, so results show the next_run_at it stored
   * (default). A caller that ignores the results (the scheduler) saves the read.
   */
  readBack?: boolean;
}

/**
 * completeStep for many enrollments at once (the scheduler records a whole wave of sends), in a fixed
 * number of statements rather than a handful per enrollment. Same rules; results keyed by enrollment.
 */
export async function completeSteps(
  tx: DbOrTx,
  items: readonly StepCompletion[],
  now: Date,
  opts: CompleteStepsOptions = {},
): Promise<Map<string, CompleteStepResult>> {
  const { actorId, readBack = true } = opts;
  const results = new Map<string, CompleteStepResult>();
  if (items.length === 0) {
    await recordActivity(tx, [...(opts.activity ?? [])]);
    return results;
  }
  const stepFor = new Map(items.map((i) => [i.enrollmentId, i.stepId]));
  // Every statement here takes its ids as one jsonb parameter, so it runs prepared (the scheduler
  // calls this for every wave of sends).
  const locked = await runPrepared(
    tx
      .select()
      .from(enrollments)
      .where(inList(enrollments.id, [...stepFor.keys()]))
      .orderBy(asc(enrollments.id))
      .for('update'),
    'complete_steps_lock',
  );
  const seqIds = [...new Set(locked.map((e) => e.sequenceId))];
  const stepRows = seqIds.length
    ? await runPrepared(
        tx.select().from(steps).where(inList(steps.sequenceId, seqIds)),
        'complete_steps_steps',
      )
    : [];
  const stepsOf = new Map<string, StepRow[]>();
  for (const s of stepRows) stepsOf.set(s.sequenceId, [...(stepsOf.get(s.sequenceId) ?? []), s]);
  for (const list of stepsOf.values()) list.sort((a, b) => a.position - b.position);

  const finishing: EnrollmentRow[] = [];
  const advancing: EnrollmentRow[] = [];
  const parked: EnrollmentRow[] = [];
  const activity: ActivityInput[] = [...(opts.activity ?? [])];
  for (const e of locked) {
    const list = stepsOf.get(e.sequenceId) ?? [];
    const current = list.find((s) => s.position === e.currentStep);
    const expected = stepFor.get(e.id);
    if (!current || (expected != null && current.id !== expected)) {
      results.set(e.id, { outcome: 'stale', enrollment: e });
      continue;
    }
    const last = list.reduce((max, s) => Math.max(max, s.position), 0);
    const running = isRunningStatus(e.status);
    const base = { teamId: e.teamId, contactId: e.contactId, enrollmentId: e.id, actorId, at: now };
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
  };
  const ids = (rows: EnrollmentRow[]) => rows.map((e) => e.id);
  if (finishing.length > 0) {
    const done = await runPrepared(
      tx
        .update(enrollments)
        .set({ ...common, status: 'finished', finishedReason: COMPLETED_REASON, nextRunAt: null })
        .where(inList(enrollments.id, ids(finishing)))
        .returning(),
      'complete_steps_finish',
    );
    for (const e of done) results.set(e.id, { outcome: 'finished', enrollment: e });
  }
  if (parked.length > 0) {
    const kept = await runPrepared(
      tx
        .update(enrollments)
        .set({ ...common, nextRunAt: null })
        .where(inList(enrollments.id, ids(parked)))
        .returning(),
      'complete_steps_park',
    );
    for (const e of kept) results.set(e.id, { outcome: 'advanced', enrollment: e, next: null });
  }
  const moved =
    advancing.length > 0
      ? await runPrepared(
          tx
            .update(enrollments)
            .set({
              ...common,
              status: sql`case when ${enrollments.status} = 'scheduled' then 'active' else ${enrollments.status} end`,
            })
            .where(inList(enrollments.id, ids(advancing)))
            .returning(),
          'complete_steps_advance',
        )
      : [];
  await recordActivity(tx, activity);
  if (moved.length === 0) return results;

  const planFor = await planNextSteps(tx, moved, now, stepsOf);
  if (!readBack) {
    for (const e of moved)
      results.set(e.id, { outcome: 'advanced', enrollment: e, next: planFor.get(e.id) ?? null });
    return results;
  }
  // Planning set next_run_at: read the rows back once so callers see what was stored.
  const fresh = await tx
    .select()
    .from(enrollments)
    .where(inList(enrollments.id, ids(moved)));
  for (const e of fresh)
    results.set(e.id, { outcome: 'advanced', enrollment: e, next: planFor.get(e.id) ?? null });
  return results;
}

/**
 * Plans the now-current step of enrollments that just moved on (completeSteps; the scheduler's
 * one-statement record of a wave): loads their contacts and sequences, writes each next row and sets
 * next_run_at. `stepsOf` may hold steps by sequence already loaded, sorted by position.
 */
export async function planNextSteps(
  tx: DbOrTx,
  moved: readonly PlanEnrollment[],
  now: Date,
  stepsOf: ReadonlyMap<string, StepRow[]> = new Map(),
): Promise<Map<string, StepPlan>> {
  const planFor = new Map<string, StepPlan>();
  if (moved.length === 0) return planFor;
  const contactRows = await tx
    .select({
      id: contacts.id,
      timezone: contacts.timezone,
      ownerId: contacts.ownerId,
      prospectScore: contacts.prospectScore,
    })
    .from(contacts)
    .where(
      inList(
        contacts.id,
        moved.map((e) => e.contactId),
      ),
    );
  const contactById = new Map(contactRows.map((c) => [c.id, c]));
  const sequenceRows = await tx
    .select()
    .from(sequences)
    .where(inList(sequences.id, [...new Set(moved.map((e) => e.sequenceId))]));
  const missing = sequenceRows.map((q) => q.id).filter((id) => !stepsOf.has(id));
  const loaded = new Map(stepsOf);
  if (missing.length > 0) {
    const rows = await tx.select().from(steps).where(inList(steps.sequenceId, missing));
    for (const r of rows.sort((a, b) => a.position - b.position))
      loaded.set(r.sequenceId, [...(loaded.get(r.sequenceId) ?? []), r]);
  }
  for (const sequence of sequenceRows) {
    const targets: ScheduleTarget[] = [];
    for (const e of moved) {
      const contact = contactById.get(e.contactId);
      if (e.sequenceId === sequence.id && contact) targets.push({ enrollment: e, contact });
    }
    const plans = await scheduleSteps(tx, sequence, loaded.get(sequence.id) ?? [], targets, now);
    for (const p of plans) planFor.set(p.enrollmentId, p);
  }
  return planFor;
}

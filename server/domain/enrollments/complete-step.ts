import { eq, type SQL, sql } from 'drizzle-orm';
import { inList, recordset } from '../../db/bulk';
import type { DbOrTx } from '../../db/client';
import { newId } from '../../db/ids';
import { executePrepared } from '../../db/prepared';
import { contacts, enrollments, sequences, steps } from '../../db/schema';
import type { StepRow } from '../sequences/dto';
import type { EnrollmentRow, PlanEnrollment, StepPlan } from './plan-step';
import { runningStatuses, type ScheduleTarget, scheduleSteps } from './schedule-step';

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

/** The statuses in which an enrollment goes on to its next step (isRunningStatus), as SQL literals. */
const RUNNING = sql.raw(runningStatuses.map((s) => `'${s}'`).join(', '));

/** Column types of the `done` relation (stepCompletionCtes). */
export const DONE_COLUMNS = {
  enrollment_id: 'text',
  step_id: 'text',
  ord: 'int',
  act_step: 'text',
  act_done: 'text',
  actor_id: 'text',
} as const;

/**
 * The rules of completing a step, written once, as SQL that every caller runs (completeStep for one
 * enrollment, the scheduler's recordSentBatch for a wave of sends). They read a relation `done`
 * (enrollment_id, step_id, ord, act_step, act_done, actor_id), one row per completion, and define:
 * - `target`: each enrollment still at the step completed, locked in `ord` order (callers number
 *   their rows by enrollment id, the order every multi-enrollment write locks in, so none deadlocks).
 *   A null step_id means whatever step it is at; an enrollment at another step (a retried or
 *   duplicate completion) or at no step is left out and nothing changes for it;
 * - `moved`: the enrollment moves on with its wait counted from `at`. After the last step a running
 *   one finishes with reason `completed` and `current_step` one past the last (so re-enrolling cannot
 *   repeat a step); a finished or removed one records the progress and plans nothing; a running one
 *   with steps left (`advancing`, paused included: its next row waits for the resume) keeps
 *   next_run_at for planNextSteps, which plans its next row. Returns StepCompletionRow.
 * The caller inserts stepCompletionHistory into activities in the same statement.
 */
export function stepCompletionCtes(at: SQL): SQL {
  return sql`
      target as (
        select en.id, en.team_id, en.contact_id, en.sequence_id, s.id as step_id, s.position, s.type,
          done.act_step, done.act_done, done.actor_id,
          en.status in (${RUNNING}) as running,
          en.current_step + 1 > (select max(l.position) from steps l where l.sequence_id = en.sequence_id) as last
        from done
        join enrollments en on en.id = done.enrollment_id
        join steps s on s.sequence_id = en.sequence_id and s.position = en.current_step
          and (done.step_id is null or s.id = done.step_id)
        order by done.ord
        for update of en
      ),
      moved as (
        update enrollments en set
          current_step = en.current_step + 1, step_anchor_at = ${at}, updated_at = ${at},
          status = case when t.running and t.last then 'finished'
            when en.status = 'scheduled' then 'active' else en.status end,
          finished_reason = case when t.running and t.last then ${COMPLETED_REASON}::text else en.finished_reason end,
          next_run_at = case when t.running and not t.last then en.next_run_at end
        from target t
        where en.id = t.id
        returning en.id, en.team_id, en.sequence_id, en.contact_id, en.user_id, en.mailbox_ids,
          en.current_step, t.running and not t.last as advancing, t.running and t.last as finishing
      )`;
}

/**
 * The history of stepCompletionCtes, as a select of activities rows (id, team_id, kind, contact_id,
 * enrollment_id, email_id, actor_id, data, created_at): enrollment.step_completed for every enrollment
 * moved on, enrollment.finished for those that finished.
 */
export function stepCompletionHistory(at: SQL): SQL {
  return sql`
        select act_step, team_id, 'enrollment.step_completed', contact_id, id, null::text, actor_id,
          jsonb_build_object('sequenceId', sequence_id, 'stepId', step_id, 'position', position, 'type', type), ${at}
        from target
        union all
        select act_done, team_id, 'enrollment.finished', contact_id, id, null::text, actor_id,
          jsonb_build_object('sequenceId', sequence_id, 'reason', ${COMPLETED_REASON}::text), ${at}
        from target where running and last`;
}

/** A row of `moved` (stepCompletionCtes). */
export interface StepCompletionRow {
  id: string;
  team_id: string;
  sequence_id: string;
  contact_id: string;
  user_id: string;
  /** jsonb: parsed by postgres.js, text on PGlite. */
  mailbox_ids: string[] | string;
  current_step: number;
  advancing: boolean;
  finishing: boolean;
}

/** What planNextSteps needs of an enrollment that moved on at `now`. */
export function movedForPlanning(r: StepCompletionRow, now: Date): PlanEnrollment {
  return {
    id: r.id,
    teamId: r.team_id,
    sequenceId: r.sequence_id,
    contactId: r.contact_id,
    userId: r.user_id,
    mailboxIds: typeof r.mailbox_ids === 'string' ? JSON.parse(r.mailbox_ids) : r.mailbox_ids,
    currentStep: Number(r.current_step),
    stepAnchorAt: now,
  };
}

/**
 * Marks the enrollment's current step done and moves on (the rules: stepCompletionCtes), then plans
 * the next step, with its wait counted from `now`. One statement, the same the scheduler runs for a
 * wave of sends, plus the planning.
 *
 * Pass `stepId` (the step the caller just completed): when the enrollment is no longer at that step
 * the call changes nothing, so a retried or duplicate completion cannot skip a step.
 */
export async function completeStep(
  tx: DbOrTx,
  enrollmentId: string,
  now: Date,
  opts: { stepId?: string | undefined; actorId?: string | null | undefined } = {},
): Promise<CompleteStepResult> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const done = {
    enrollment_id: enrollmentId,
    step_id: opts.stepId ?? null,
    ord: 0,
    act_step: newId('act', now.getTime()),
    act_done: newId('act', now.getTime()),
    actor_id: opts.actorId ?? null,
  };
  const [moved] = await executePrepared<StepCompletionRow>(
    tx,
    sql`
      with done as (
        select * from ${recordset('done', DONE_COLUMNS, [done])}
      ),
      ${stepCompletionCtes(at)},
      history as (
        insert into activities (id, team_id, kind, contact_id, enrollment_id, email_id, actor_id, data, created_at)
        ${stepCompletionHistory(at)}
      )
      select * from moved`,
    'complete_step',
  );
  const plans = moved?.advancing ? await planNextSteps(tx, [movedForPlanning(moved, now)], now) : undefined;
  // Read back after planning, so the result shows the next_run_at it stored.
  const [enrollment] = await tx.select().from(enrollments).where(eq(enrollments.id, enrollmentId));
  if (!moved || !enrollment) return { outcome: 'stale', enrollment: enrollment ?? null };
  if (moved.finishing) return { outcome: 'finished', enrollment };
  return { outcome: 'advanced', enrollment, next: plans?.get(enrollmentId) ?? null };
}

/**
 * Plans the now-current step of enrollments that just moved on (the `advancing` rows of
 * stepCompletionCtes): loads their contacts and sequences, writes each next row and sets
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

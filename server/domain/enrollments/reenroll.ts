import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { newId } from '../../db/ids';
import { executePrepared } from '../../db/prepared';
import { activities, emails, enrollments, tasks } from '../../db/schema';
import type { SequenceRow, StepRow } from '../sequences/dto';
import { dictionary } from './dictionary';
import { enrollmentFromDb } from './enrollment-row';
import type { EnrollmentRow, PlanContact, PlanEnrollment, StepPlan } from './plan-step';
import { planSteps, writePlans } from './schedule-step';

export interface ReenrollTarget {
  /** The removed or finished enrollment, as read in this transaction. */
  previous: EnrollmentRow;
  contact: PlanContact;
  /** The pool the enrollment sends from from now on. */
  mailboxIds: string[];
  /** Warnings the caller accepted, recorded in the history row. */
  acceptedWarnings: readonly string[];
}

export interface ReenrollOptions {
  /** Who re-enrolls: the enrollment's user from now on, and the history row's actor. */
  userId: string;
  /** A start ahead re-anchors the current step there; otherwise it keeps its anchor. */
  startAt?: Date | undefined;
  now: Date;
}

/** Positions in a row of the jsonb array (see the statement's `r`). */
type Row = [
  id: string,
  pool: number,
  slot: number,
  activityId: string,
  emailId: string | null,
  messageId: string | null,
  threadId: string | null,
  inReplyTo: string | null,
  references: string[] | null,
  prospectScore: number,
  accepted: readonly string[] | null,
];

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** What rows of one plan share: [kind, step, mailbox, waiting_for, due_at, subject, variant]. */
function slotOf(plan: StepPlan): (string | null)[] {
  if (plan.kind === 'held') return ['held', null, null, null, null, null, null];
  if (plan.kind === 'task') return ['task', plan.row.stepId ?? null, null, null, iso(plan.dueAt), null, null];
  const e = plan.row;
  return [
    'email',
    e.stepId ?? null,
    e.mailboxId ?? null,
    e.waitingFor ?? null,
    iso(plan.dueAt),
    e.subject ?? null,
    e.variantId ?? null,
  ];
}

/**
 * Enrolls contacts again in a sequence they were removed from or finished, all of one sequence: the
 * same row carries on from its step (the seeds' "remembers progress"), with the new pool and user.
 * The current steps are planned first; then ONE statement updates the rows (next_run_at included),
 * writes the planned emails and the `enrollment.reenrolled` history rows, and answers with the rows
 * as changed, as write-fresh.ts does for new ones (a planned task is written after it). next_run_at
 * follows scheduleSteps: the step's due time when its row is written, null while the step is held,
 * unchanged when the step already has its row (an email, or a task that was not skipped). A row that
 * is no longer removed or finished (a concurrent change) is left alone and not returned.
 */
export async function reenrollRows(
  tx: DbOrTx,
  sequence: SequenceRow,
  stepRows: readonly StepRow[],
  targets: readonly ReenrollTarget[],
  opts: ReenrollOptions,
): Promise<EnrollmentRow[]> {
  if (targets.length === 0) return [];
  const { now, userId } = opts;
  const at = now.toISOString();
  const anchor = opts.startAt && opts.startAt > now ? opts.startAt : null;
  const plans = await planSteps(
    tx,
    sequence,
    stepRows,
    targets.map((t) => ({
      enrollment: {
        id: t.previous.id,
        teamId: t.previous.teamId,
        sequenceId: t.previous.sequenceId,
        contactId: t.previous.contactId,
        userId,
        mailboxIds: t.mailboxIds,
        currentStep: t.previous.currentStep,
        stepAnchorAt: anchor ?? t.previous.stepAnchorAt,
      } satisfies PlanEnrollment,
      contact: t.contact,
    })),
    now,
  );
  const pools = dictionary<string[]>();
  const slots = dictionary<(string | null)[]>();
  const data = targets.map((t, i): Row => {
    const plan = plans[i] as StepPlan;
    const email = plan.kind === 'email' ? plan.row : null;
    const slot = slotOf(plan);
    return [
      t.previous.id,
      pools.of(t.mailboxIds.join(' '), () => t.mailboxIds),
      slots.of(JSON.stringify(slot), () => slot),
      newId('act', now.getTime()),
      email?.id ?? null,
      email?.messageId ?? null,
      email?.threadId ?? null,
      email?.inReplyTo ?? null,
      email?.references ?? null,
      t.contact.prospectScore,
      t.acceptedWarnings.length > 0 ? t.acceptedWarnings : null,
    ];
  });
  const changed = await executePrepared<Record<string, unknown>>(
    tx,
    sql`with r as materialized (
        select v->>0 as id, (v->>1)::int as pool, (v->>2)::int as slot, v->>3 as act_id, v->>4 as eml_id,
          v->>5 as message_id, v->>6 as thread_id, v->>7 as in_reply_to, nullif(v->8, 'null') as refs,
          (v->>9)::int as prospect_score, nullif(v->10, 'null') as accepted
        from jsonb_array_elements(${JSON.stringify(data)}::jsonb) as v),
      pools as (
        select (n - 1)::int as pool, p as mailbox_ids
        from jsonb_array_elements(${JSON.stringify(pools.values)}::jsonb) with ordinality as t(p, n)),
      slots as (
        select (n - 1)::int as slot, p->>0 as kind, p->>1 as step_id, p->>2 as mailbox_id, p->>3 as waiting_for,
          (p->>4)::timestamptz as due_at, p->>5 as subject, p->>6 as variant_id
        from jsonb_array_elements(${JSON.stringify(slots.values)}::jsonb) with ordinality as t(p, n)),
      u as (
        update ${enrollments} en set
          status = case when coalesce(${iso(anchor)}::timestamptz, en.step_anchor_at) > ${at}::timestamptz
            then 'scheduled' else 'active' end,
          step_anchor_at = coalesce(${iso(anchor)}::timestamptz, en.step_anchor_at),
          user_id = ${userId}, mailbox_ids = pools.mailbox_ids, finished_reason = null, paused_reason = null,
          resume_at = null, updated_at = ${at}::timestamptz,
          next_run_at = case
            when s.kind = 'held' then null
            when s.kind = 'email' and exists (select 1 from ${emails} m
              where m.enrollment_id = en.id and m.step_id = s.step_id) then en.next_run_at
            when s.kind = 'task' and exists (select 1 from ${tasks} k
              where k.enrollment_id = en.id and k.step_id = s.step_id and k.status <> 'skipped') then en.next_run_at
            else s.due_at end
        from r join pools using (pool) join slots s using (slot)
        where en.id = r.id and en.status in ('removed', 'finished')
        returning en.*),
      m as (
        insert into ${emails} (id, team_id, enrollment_id, contact_id, step_id, mailbox_id, status,
          waiting_for, scheduled_at, due_at, subject, variant_id, thread_id, in_reply_to, "references",
          message_id, prospect_score, created_at, updated_at)
        select r.eml_id, u.team_id, u.id, u.contact_id, s.step_id, s.mailbox_id, 'scheduled',
          s.waiting_for, s.due_at, s.due_at, s.subject, s.variant_id, r.thread_id, r.in_reply_to, r.refs,
          r.message_id, r.prospect_score, ${at}::timestamptz, ${at}::timestamptz
        from r join u on u.id = r.id join slots s using (slot)
        where s.kind = 'email'
        on conflict do nothing),
      a as (
        insert into ${activities} (id, team_id, kind, contact_id, enrollment_id, actor_id, data, created_at)
        select r.act_id, u.team_id, 'enrollment.reenrolled', u.contact_id, u.id, ${userId},
          jsonb_build_object('sequenceId', u.sequence_id, 'currentStep', u.current_step, 'mailboxIds', u.mailbox_ids)
            || case when r.accepted is null then '{}'::jsonb
               else jsonb_build_object('acceptedWarnings', r.accepted) end,
          ${at}::timestamptz
        from r join u on u.id = r.id)
      select * from u`,
    'reenroll_rows',
  );
  const rows = changed.map(enrollmentFromDb);
  const live = new Set(rows.map((r) => r.id));
  // A task step: written (or a skipped task reopened) as scheduleSteps writes it; next_run_at above
  // already reads as that write will leave it.
  await writePlans(
    tx,
    plans.filter((p) => p.kind === 'task' && live.has(p.enrollmentId)),
    now,
  );
  return rows;
}

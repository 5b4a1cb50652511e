import { sql } from 'drizzle-orm';
import { inList } from '../../db/bulk';
import type { DbOrTx } from '../../db/client';
import { newId } from '../../db/ids';
import { executePrepared, runPrepared } from '../../db/prepared';
import { activities, emails, enrollments } from '../../db/schema';
import { dictionary } from './dictionary';
import type { EnrollmentRow, StepPlan } from './plan-step';

/*
 * New enrollments, their first emails and their `enrollment.created` history rows, written in ONE
 * statement with data-modifying CTEs. An email and a history row are written only for the
 * enrollments actually inserted; a contact a concurrent request enrolled first is skipped by the
 * unique (sequence, contact) index.
 * What travels is shaped by a profile at 10,000 contacts: the rows as one jsonb array of arrays (no
 * key names) carrying only what differs per contact, and what many rows share (the mailbox pool
 * rotations, the planned slot of the first email) as two small dictionaries the rows point into.
 * jsonb_to_recordset over 10,000 objects of 15 keys (5.4 MB) took about four times as long to expand
 * as these arrays (2 MB), and its tuplestore spilled to disk. The statement returns how many rows went
 * in rather than every id: the ids are ours, so only a short count needs a second look.
 */

/** What all the new enrollments of one call share. */
export interface FreshShared {
  teamId: string;
  sequenceId: string;
  userId: string;
  status: 'active' | 'scheduled';
  stepAnchorAt: Date;
  now: Date;
}

export interface FreshEnrollment {
  id: string;
  contactId: string;
  mailboxIds: string[];
  prospectScore: number;
  /** Warnings the caller accepted (skipValidation), recorded in the history row. */
  acceptedWarnings: string[];
}

/** Positions in a row of the jsonb array (see the statement's `r`). */
type Row = [
  id: string,
  contactId: string,
  prospectScore: number,
  activityId: string,
  emailId: string | null,
  messageId: string | null,
  pool: number,
  plan: number,
  accepted: string[] | null,
];

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * Inserts `rows` with the plan of each (same order; an email plan is written with it, a task plan is
 * left to the caller) and returns the rows inserted, as the database holds them but for change_seq.
 */
export async function insertFreshEnrollments(
  tx: DbOrTx,
  shared: FreshShared,
  rows: readonly FreshEnrollment[],
  plans: readonly StepPlan[],
): Promise<EnrollmentRow[]> {
  if (rows.length === 0) return [];
  const now = shared.now.toISOString();
  const pools = dictionary<string[]>();
  const slots = dictionary<(string | null)[]>();
  const data = rows.map((r, i): Row => {
    const plan = plans[i];
    const email = plan?.kind === 'email' ? plan.row : null;
    const nextRunAt = plan && plan.kind !== 'held' ? plan.dueAt : null;
    const slot = [
      email?.stepId ?? null,
      email?.mailboxId ?? null,
      email?.waitingFor ?? null,
      iso(email?.dueAt),
      email?.subject ?? null,
      email?.variantId ?? null,
      iso(nextRunAt),
    ];
    return [
      r.id,
      r.contactId,
      r.prospectScore,
      newId('act', shared.now.getTime()),
      email?.id ?? null,
      email?.messageId ?? null,
      pools.of(r.mailboxIds.join(' '), () => r.mailboxIds),
      slots.of(JSON.stringify(slot), () => slot),
      r.acceptedWarnings.length > 0 ? r.acceptedWarnings : null,
    ];
  });
  const [result] = await executePrepared<{ n: number | string }>(
    tx,
    sql`with r as materialized (
        select v->>0 as id, v->>1 as contact_id, (v->>2)::int as prospect_score, v->>3 as act_id,
          v->>4 as eml_id, v->>5 as message_id, (v->>6)::int as pool, (v->>7)::int as slot, nullif(v->8, 'null') as accepted
        from jsonb_array_elements(${JSON.stringify(data)}::jsonb) as v),
      pools as (
        select (n - 1)::int as pool, p as mailbox_ids
        from jsonb_array_elements(${JSON.stringify(pools.values)}::jsonb) with ordinality as t(p, n)),
      slots as (
        select (n - 1)::int as slot, p->>0 as step_id, p->>1 as mailbox_id, p->>2 as waiting_for,
          (p->>3)::timestamptz as due_at, p->>4 as subject, p->>5 as variant_id, (p->>6)::timestamptz as next_run_at
        from jsonb_array_elements(${JSON.stringify(slots.values)}::jsonb) with ordinality as t(p, n)),
      e as (
        insert into ${enrollments} (id, team_id, sequence_id, contact_id, user_id, mailbox_ids, status,
          current_step, next_run_at, step_anchor_at, prospect_score, created_at, updated_at)
        select r.id, ${shared.teamId}, ${shared.sequenceId}, r.contact_id, ${shared.userId}, pools.mailbox_ids,
          ${shared.status}, 1, slots.next_run_at, ${shared.stepAnchorAt.toISOString()}::timestamptz,
          r.prospect_score, ${now}::timestamptz, ${now}::timestamptz
        from r join pools using (pool) join slots using (slot)
        on conflict do nothing
        returning id),
      m as (
        insert into ${emails} (id, team_id, enrollment_id, contact_id, step_id, mailbox_id, status,
          waiting_for, scheduled_at, due_at, subject, variant_id, thread_id, in_reply_to, "references",
          message_id, prospect_score, created_at, updated_at)
        select r.eml_id, ${shared.teamId}, r.id, r.contact_id, slots.step_id, slots.mailbox_id, 'scheduled',
          slots.waiting_for, slots.due_at, slots.due_at, slots.subject, slots.variant_id, null, null, null,
          r.message_id, r.prospect_score, ${now}::timestamptz, ${now}::timestamptz
        from r join e using (id) join slots using (slot)
        where r.eml_id is not null),
      a as (
        insert into ${activities} (id, team_id, kind, contact_id, enrollment_id, actor_id, data, created_at)
        select r.act_id, ${shared.teamId}, 'enrollment.created', r.contact_id, r.id, ${shared.userId},
          jsonb_build_object('sequenceId', ${shared.sequenceId}::text, 'currentStep', 1, 'mailboxIds', pools.mailbox_ids)
            || case when r.accepted is null then '{}'::jsonb
               else jsonb_build_object('acceptedWarnings', r.accepted) end,
          ${now}::timestamptz
        from r join e using (id) join pools using (pool))
      select count(*) as n from e`,
    'enroll_fresh',
  );
  // Fewer than sent: a concurrent request enrolled some of these contacts first. The ids are new,
  // so those present are the ones this statement inserted.
  const written =
    Number(result?.n ?? 0) === rows.length
      ? rows
      : await runPrepared(
          tx
            .select({ id: enrollments.id })
            .from(enrollments)
            .where(
              inList(
                enrollments.id,
                rows.map((r) => r.id),
              ),
            ),
          'enroll_fresh_written',
        );
  const inserted = new Set(written.map((r) => r.id));
  return rows.flatMap((r, i) => {
    if (!inserted.has(r.id)) return [];
    const plan = plans[i];
    return [
      {
        id: r.id,
        teamId: shared.teamId,
        sequenceId: shared.sequenceId,
        contactId: r.contactId,
        userId: shared.userId,
        mailboxIds: r.mailboxIds,
        status: shared.status,
        currentStep: 1,
        nextRunAt: plan && plan.kind !== 'held' ? plan.dueAt : null,
        pausedReason: null,
        resumeAt: null,
        finishedReason: null,
        stepAnchorAt: shared.stepAnchorAt,
        prospectScore: r.prospectScore,
        createdAt: shared.now,
        updatedAt: shared.now,
        changeSeq: 0,
      },
    ];
  });
}

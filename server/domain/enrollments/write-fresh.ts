import { sql } from 'drizzle-orm';
import { recordset } from '../../db/bulk';
import type { DbOrTx } from '../../db/client';
import { newId } from '../../db/ids';
import { executePrepared } from '../../db/prepared';
import { activities, emails, enrollments } from '../../db/schema';
import type { EnrollmentRow, StepPlan } from './plan-step';

/*
 * New enrollments, their first emails and their `enrollment.created` history rows, written in ONE
 * statement: the rows travel once as one jsonb parameter, carrying only what differs per contact
 * (what every row shares goes as a plain parameter), and data-modifying CTEs insert into the three
 * tables. An email and a history row are written only for the enrollments actually inserted; a
 * contact a concurrent request enrolled first is skipped by the unique (sequence, contact) index.
 * Profiled at 10,000 contacts, the three separate inserts with every column in the JSON spent most
 * of their time expanding it.
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

const columns = {
  id: 'text',
  contact_id: 'text',
  mailbox_ids: 'jsonb',
  prospect_score: 'integer',
  next_run_at: 'timestamptz',
  act_id: 'text',
  accepted: 'jsonb',
  eml_id: 'text',
  step_id: 'text',
  mailbox_id: 'text',
  waiting_for: 'text',
  due_at: 'timestamptz',
  subject: 'text',
  variant_id: 'text',
  message_id: 'text',
} as const;

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
  const json = rows.map((r, i) => {
    const plan = plans[i];
    const email = plan?.kind === 'email' ? plan.row : null;
    return {
      id: r.id,
      contact_id: r.contactId,
      mailbox_ids: r.mailboxIds,
      prospect_score: r.prospectScore,
      next_run_at: plan && plan.kind !== 'held' ? plan.dueAt : null,
      act_id: newId('act', shared.now.getTime()),
      accepted: r.acceptedWarnings.length > 0 ? r.acceptedWarnings : null,
      eml_id: email?.id ?? null,
      step_id: email?.stepId ?? null,
      mailbox_id: email?.mailboxId ?? null,
      waiting_for: email?.waitingFor ?? null,
      due_at: email?.dueAt ?? null,
      subject: email?.subject ?? null,
      variant_id: email?.variantId ?? null,
      message_id: email?.messageId ?? null,
    };
  });
  const written = await executePrepared<{ id: string }>(
    tx,
    sql`with x as materialized (select * from ${recordset('x', columns, json)}),
      e as (
        insert into ${enrollments} (id, team_id, sequence_id, contact_id, user_id, mailbox_ids, status,
          current_step, next_run_at, step_anchor_at, prospect_score, created_at, updated_at)
        select x.id, ${shared.teamId}, ${shared.sequenceId}, x.contact_id, ${shared.userId}, x.mailbox_ids,
          ${shared.status}, 1, x.next_run_at, ${shared.stepAnchorAt.toISOString()}::timestamptz,
          x.prospect_score, ${now}::timestamptz, ${now}::timestamptz
        from x
        on conflict do nothing
        returning id),
      m as (
        insert into ${emails} (id, team_id, enrollment_id, contact_id, step_id, mailbox_id, status,
          waiting_for, scheduled_at, due_at, subject, variant_id, thread_id, in_reply_to, "references",
          message_id, prospect_score, created_at, updated_at)
        select x.eml_id, ${shared.teamId}, x.id, x.contact_id, x.step_id, x.mailbox_id, 'scheduled',
          x.waiting_for, x.due_at, x.due_at, x.subject, x.variant_id, null, null, null,
          x.message_id, x.prospect_score, ${now}::timestamptz, ${now}::timestamptz
        from x join e on e.id = x.id
        where x.eml_id is not null),
      a as (
        insert into ${activities} (id, team_id, kind, contact_id, enrollment_id, actor_id, data, created_at)
        select x.act_id, ${shared.teamId}, 'enrollment.created', x.contact_id, x.id, ${shared.userId},
          jsonb_build_object('sequenceId', ${shared.sequenceId}::text, 'currentStep', 1, 'mailboxIds', x.mailbox_ids)
            || case when x.accepted is null then '{}'::jsonb
               else jsonb_build_object('acceptedWarnings', x.accepted) end,
          ${now}::timestamptz
        from x join e on e.id = x.id)
      select id from e`,
    'enroll_fresh',
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

import { sql } from 'drizzle-orm';
import { recordset } from '../../db/bulk';
import type { Tx } from '../../db/client';
import { newId } from '../../db/ids';
import { executePrepared } from '../../db/prepared';
import { COMPLETED_REASON, planNextSteps } from '../../domain/enrollments/complete-step';
import type { PlanEnrollment } from '../../domain/enrollments/plan-step';
import type { Guarded } from '../claim-types';
import { iso } from './iso';

export interface SentItem {
  claim: Guarded;
  subject?: string | undefined;
  providerMessageId?: string | undefined;
  threadId?: string | undefined;
}

interface RecordedRow {
  email_id: string;
  /** Set only for an enrollment that moved on to a next step, which is planned afterwards. */
  enrollment_id: string | null;
  team_id: string | null;
  sequence_id: string | null;
  contact_id: string | null;
  user_id: string | null;
  mailbox_ids: string[] | string | null;
  current_step: number | null;
}

/**
 * Records a wave of deliveries in ONE statement, completeSteps' rules written as SQL: each email this
 * attempt still owns (attempt id, status `sending`) becomes sent; its enrollment, when still at the
 * step just sent, moves on (finishes with reason `completed` after the last step; a paused, finished or
 * removed one records the progress and plans nothing); the history rows (email.sent,
 * enrollment.step_completed, enrollment.finished) go in with them. It was a lock, a steps read, one
 * update per kind and an insert, and the lock's `order by id` under preferKeyedPlans walked the whole
 * enrollments index per wave. Enrollments are still locked in id order (as every multi-enrollment
 * write locks them, so none deadlocks with this), via the order of the rows sent (`ord`), which no
 * index can provide, so it is a sort of the wave and never a walk of the table.
 *
 * The emails are reached by primary key: `(status = 'sending') is true` rather than `status =
 * 'sending'`, which would let the planner scan the partial index emails_lease instead and join the
 * wave against it row by row (see markDispatched: 200 x 200 comparisons, most of the statement).
 *
 * Only enrollments that advance to a real next step need more (their next row is planned in JS by
 * planNextSteps); a wave of last steps is one round trip. Returns the claims still owned.
 */
export async function recordSentBatch(tx: Tx, items: readonly SentItem[], now: Date): Promise<Guarded[]> {
  if (items.length === 0) return [];
  const at = now.getTime();
  const sorted = [...items].sort((a, b) =>
    a.claim.enrollmentId < b.claim.enrollmentId ? -1 : a.claim.enrollmentId > b.claim.enrollmentId ? 1 : 0,
  );
  const values = sorted.map((i, ord) => ({
    id: i.claim.email.id,
    attempt_id: i.claim.attemptId,
    subject: i.subject ?? null,
    provider_message_id: i.providerMessageId ?? null,
    thread_id: i.threadId ?? null,
    ord,
    act_sent: newId('act', at),
    act_step: newId('act', at),
    act_done: newId('act', at),
  }));
  const t = sql`${iso(now)}::timestamptz`;
  const rows = await executePrepared<RecordedRow>(
    tx,
    sql`
      with v as (
        select * from ${recordset(
          'v',
          {
            id: 'text',
            attempt_id: 'text',
            subject: 'text',
            provider_message_id: 'text',
            thread_id: 'text',
            ord: 'int',
            act_sent: 'text',
            act_step: 'text',
            act_done: 'text',
          },
          values,
        )}
      ),
      sent as (
        update emails e set
          status = 'sent', sent_at = ${t}, lease_until = null, reason = null, detail = null,
          subject = coalesce(v.subject, e.subject),
          provider_message_id = coalesce(v.provider_message_id, e.provider_message_id),
          thread_id = coalesce(v.thread_id, e.thread_id),
          updated_at = ${t}
        from v
        where e.id = v.id and e.attempt_id = v.attempt_id and (e.status = 'sending') is true
        returning e.id, e.team_id, e.contact_id, e.enrollment_id, e.step_id, e.message_id, e.mailbox_id,
          v.ord, v.act_sent, v.act_step, v.act_done
      ),
      target as (
        select en.id, en.team_id, en.contact_id, en.sequence_id, s.id as step_id, s.position, s.type,
          sent.act_step, sent.act_done,
          en.status in ('active', 'scheduled', 'paused') as running,
          en.current_step + 1 > (select max(l.position) from steps l where l.sequence_id = en.sequence_id) as last
        from sent
        join enrollments en on en.id = sent.enrollment_id
        join steps s on s.id = sent.step_id and s.sequence_id = en.sequence_id and s.position = en.current_step
        order by sent.ord
        for update of en
      ),
      moved as (
        update enrollments en set
          current_step = en.current_step + 1, step_anchor_at = ${t}, updated_at = ${t},
          status = case when t.running and t.last then 'finished'
            when en.status = 'scheduled' then 'active' else en.status end,
          finished_reason = case when t.running and t.last then ${COMPLETED_REASON} else en.finished_reason end,
          next_run_at = case when t.running and not t.last then en.next_run_at end
        from target t
        where en.id = t.id
        returning en.id, en.team_id, en.sequence_id, en.contact_id, en.user_id, en.mailbox_ids,
          en.current_step, t.running and not t.last as advancing
      ),
      history as (
        insert into activities (id, team_id, kind, contact_id, enrollment_id, email_id, data, created_at)
        select act_sent, team_id, 'email.sent', contact_id, enrollment_id, id,
          jsonb_build_object('messageId', message_id, 'mailboxId', mailbox_id), ${t}
        from sent
        union all
        select act_step, team_id, 'enrollment.step_completed', contact_id, id, null,
          jsonb_build_object('sequenceId', sequence_id, 'stepId', step_id, 'position', position, 'type', type), ${t}
        from target
        union all
        select act_done, team_id, 'enrollment.finished', contact_id, id, null,
          jsonb_build_object('sequenceId', sequence_id, 'reason', ${COMPLETED_REASON}::text), ${t}
        from target where running and last
      )
      select sent.id as email_id, m.id as enrollment_id, m.team_id, m.sequence_id, m.contact_id,
        m.user_id, m.mailbox_ids, m.current_step
      from sent left join moved m on m.id = sent.enrollment_id and m.advancing`,
    'scheduler_record_sent',
  );
  const owned = new Set(rows.map((r) => r.email_id));
  const advancing: PlanEnrollment[] = [];
  for (const r of rows) {
    if (r.enrollment_id === null) continue;
    advancing.push({
      id: r.enrollment_id,
      teamId: r.team_id ?? '',
      sequenceId: r.sequence_id ?? '',
      contactId: r.contact_id ?? '',
      userId: r.user_id ?? '',
      mailboxIds: typeof r.mailbox_ids === 'string' ? JSON.parse(r.mailbox_ids) : (r.mailbox_ids ?? []),
      currentStep: Number(r.current_step),
      stepAnchorAt: now,
    });
  }
  await planNextSteps(tx, advancing, now);
  return items.map((i) => i.claim).filter((c) => owned.has(c.email.id));
}

/** One delivered email: see recordSentBatch. */
export async function recordSent(
  tx: Tx,
  claim: Guarded,
  result: { providerMessageId?: string | undefined; threadId?: string | undefined },
  now: Date,
  subject?: string,
): Promise<boolean> {
  const done = await recordSentBatch(tx, [{ claim, subject, ...result }], now);
  return done.length === 1;
}

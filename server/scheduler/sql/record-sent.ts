import { sql } from 'drizzle-orm';
import { recordset } from '../../db/bulk';
import type { Tx } from '../../db/client';
import { newId } from '../../db/ids';
import { executePrepared } from '../../db/prepared';
import {
  movedForPlanning,
  planNextSteps,
  type StepCompletionRow,
  stepCompletionCtes,
  stepCompletionHistory,
} from '../../domain/enrollments/complete-step';
import type { Guarded } from '../claim-types';
import { iso } from './iso';

export interface SentItem {
  claim: Guarded;
  subject?: string | undefined;
  providerMessageId?: string | undefined;
  threadId?: string | undefined;
}

/**
 * Records a wave of deliveries in ONE statement: each email this attempt still owns (attempt id,
 * status `sending`) becomes sent with its email.sent history, and its enrollment completes the step
 * sent by the same rules and SQL as completeStep (stepCompletionCtes: moves on, or finishes with
 * reason `completed` after the last step; a paused, finished or removed one records the progress and
 * plans nothing; one no longer at that step is left alone). Rows are numbered (`ord`) in enrollment id
 * order, the order every multi-enrollment write locks in, so it never deadlocks with them; the lock
 * is a sort of the wave, never a walk of an index.
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
  const rows = await executePrepared<{ email_id: string } & (StepCompletionRow | { id: null })>(
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
      -- An email whose step was deleted (step_id set null) completes no step.
      done as (
        select enrollment_id, step_id, ord, act_step, act_done, null::text as actor_id
        from sent where enrollment_id is not null and step_id is not null
      ),
      ${stepCompletionCtes(t)},
      history as (
        insert into activities (id, team_id, kind, contact_id, enrollment_id, email_id, actor_id, data, created_at)
        select act_sent, team_id, 'email.sent', contact_id, enrollment_id, id, null::text,
          jsonb_build_object('messageId', message_id, 'mailboxId', mailbox_id), ${t}
        from sent
        union all
        ${stepCompletionHistory(t)}
      )
      select sent.id as email_id, m.*
      from sent left join moved m on m.id = sent.enrollment_id and m.advancing`,
    'scheduler_record_sent',
  );
  const owned = new Set(rows.map((r) => r.email_id));
  // Only enrollments moving on to a real next step joined a `moved` row (the others have id null).
  const advancing = rows.flatMap((r) => (r.id === null ? [] : [movedForPlanning(r, now)]));
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

import { sql } from 'drizzle-orm';
import { recordset } from '../../db/bulk';
import type { Tx } from '../../db/client';
import { executePrepared } from '../../db/prepared';
import { emails } from '../../db/schema';
import { completeSteps } from '../../domain/enrollments/complete-step';
import type { Guarded } from '../claim-types';
import { iso } from './iso';

export interface SentItem {
  claim: Guarded;
  subject?: string | undefined;
  providerMessageId?: string | undefined;
  threadId?: string | undefined;
}

/**
 * Records a wave of deliveries in a fixed number of statements (one guarded UPDATE from a JSON
 * recordset) and moves the enrollments of those this attempt still owned on to their next step
 * (completeSteps, which writes the sends' history with its own). Returns the owned ones.
 */
export async function recordSentBatch(tx: Tx, items: readonly SentItem[], now: Date): Promise<Guarded[]> {
  if (items.length === 0) return [];
  const values = items.map((i) => ({
    id: i.claim.email.id,
    attempt_id: i.claim.attemptId,
    subject: i.subject ?? null,
    provider_message_id: i.providerMessageId ?? null,
    thread_id: i.threadId ?? null,
  }));
  const owned = await executePrepared<{ id: string }>(
    tx,
    sql`
      update ${emails} e set
        status = 'sent', sent_at = ${iso(now)}::timestamptz, lease_until = null, reason = null, detail = null,
        subject = coalesce(v.subject, e.subject),
        provider_message_id = coalesce(v.provider_message_id, e.provider_message_id),
        thread_id = coalesce(v.thread_id, e.thread_id),
        updated_at = ${iso(now)}::timestamptz
      from ${recordset(
        'v',
        { id: 'text', attempt_id: 'text', subject: 'text', provider_message_id: 'text', thread_id: 'text' },
        values,
      )}
      where e.id = v.id and e.attempt_id = v.attempt_id and e.status = 'sending'
      returning e.id`,
    'scheduler_record_sent',
  );
  const ownedIds = new Set(owned.map((r) => r.id));
  const done = items.map((i) => i.claim).filter((c) => ownedIds.has(c.email.id));
  // The sends' history goes in the same insert as the steps' own (one statement per wave, not two).
  await completeSteps(
    tx,
    done.map((c) => ({ enrollmentId: c.enrollmentId, stepId: c.email.stepId })),
    now,
    {
      activity: done.map((c) => ({
        teamId: c.teamId,
        kind: 'email.sent',
        contactId: c.email.contactId,
        enrollmentId: c.enrollmentId,
        emailId: c.email.id,
        data: { messageId: c.email.messageId, mailboxId: c.email.mailboxId },
        at: now,
      })),
      readBack: false,
    },
  );
  return done;
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

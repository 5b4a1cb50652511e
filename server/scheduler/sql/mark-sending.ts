import { sql } from 'drizzle-orm';
import { recordset } from '../../db/bulk';
import type { Tx } from '../../db/client';
import { executePrepared } from '../../db/prepared';
import { emails } from '../../db/schema';
import { iso } from './iso';

/** What the claim changed on a row beyond the values every claimed row gets. */
export interface ClaimedColumns {
  attempts: number;
}

/**
 * Marks emails `sending` from their mailbox under one attempt id and lease, in one statement; those
 * with `dispatched` are also marked dispatched (markDispatched's mark, written with the claim so the
 * worker's first wave costs no transaction of its own). Returns, per email id, the columns the
 * database computed, so callers need not read the rows back.
 */
export async function markSending(
  tx: Tx,
  rows: readonly { id: string; mailboxId: string; dispatched?: boolean }[],
  attempt: { attemptId: string; leaseUntil: Date },
  now: Date,
): Promise<Map<string, ClaimedColumns>> {
  if (rows.length === 0) return new Map();
  const values = rows.map((r) => ({ id: r.id, mailbox_id: r.mailboxId, dispatched: r.dispatched === true }));
  const updated = await executePrepared<{ id: string; attempts: number }>(
    tx,
    sql`
      update ${emails} e set
        status = 'sending', mailbox_id = v.mailbox_id, attempt_id = ${attempt.attemptId},
        claimed_at = ${iso(now)}::timestamptz, lease_until = ${iso(attempt.leaseUntil)}::timestamptz,
        attempts = e.attempts + 1,
        dispatched_at = case when v.dispatched then ${iso(now)}::timestamptz else e.dispatched_at end, waiting_for = null, wait_reason = null, wait_detail = null,
        updated_at = ${iso(now)}::timestamptz
      from ${recordset('v', { id: 'text', mailbox_id: 'text', dispatched: 'boolean' }, values)}
      where e.id = v.id
      returning e.id, e.attempts`,
    'scheduler_mark_sending',
  );
  return new Map(updated.map((u) => [u.id, { attempts: Number(u.attempts) }]));
}

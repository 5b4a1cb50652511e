import { sql } from 'drizzle-orm';
import { recordset } from '../../db/bulk';
import type { Tx } from '../../db/client';
import { executePrepared } from '../../db/prepared';
import { emails } from '../../db/schema';
import type { Deferral } from '../claim-types';
import { iso } from './iso';

/**
 * Keeps emails queued with a new due time (and slot, when moved to another window), in one statement
 * for the batch. Every row is already locked by the claim's transaction.
 */
export async function deferEmails(tx: Tx, rows: readonly Deferral[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((r) => ({
    id: r.id,
    due_at: iso(r.dueAt),
    scheduled_at: r.scheduledAt ? iso(r.scheduledAt) : null,
    waiting_for: r.waitingFor,
    wait_reason: r.waitReason,
    wait_detail: r.waitDetail,
  }));
  await executePrepared(
    tx,
    sql`
    update ${emails} e set
      due_at = v.due_at, scheduled_at = coalesce(v.scheduled_at, e.scheduled_at),
      waiting_for = v.waiting_for, wait_reason = v.wait_reason, wait_detail = v.wait_detail,
      updated_at = ${iso(now)}::timestamptz
    from ${recordset(
      'v',
      {
        id: 'text',
        due_at: 'timestamptz',
        scheduled_at: 'timestamptz',
        waiting_for: 'text',
        wait_reason: 'text',
        wait_detail: 'text',
      },
      values,
    )}
    where e.id = v.id`,
    'scheduler_defer_emails',
  );
}

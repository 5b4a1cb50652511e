import { sql } from 'drizzle-orm';
import { inList, recordset } from '../../db/bulk';
import type { Tx } from '../../db/client';
import { executePrepared } from '../../db/prepared';
import { emails, enrollments } from '../../db/schema';
import { recordActivity } from '../../domain/activity';
import type { Refusal } from '../claim-types';
import { iso } from './iso';

/**
 * The guards' refusals of a batch: each email and its enrollment become not_sent with every reason,
 * in one statement per table. Every email is already locked by the claim's transaction. The three
 * statements write different tables and are issued together (one round trip, see claimBatch).
 */
export async function refuseEmails(tx: Tx, rows: readonly Refusal[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((r) => ({
    id: r.id,
    reason: r.reasons[0] ?? 'no_send_from_mailbox',
    detail: r.detail,
    mailbox_id: r.mailboxId,
  }));
  const enrollmentIds = [...new Set(rows.map((r) => r.enrollmentId))];
  await Promise.all([
    executePrepared(
      tx,
      sql`
    update ${emails} e set
      status = 'not_sent', reason = v.reason, detail = v.detail, mailbox_id = v.mailbox_id,
      waiting_for = null, wait_reason = null, wait_detail = null,
      updated_at = ${iso(now)}::timestamptz
    from ${recordset('v', { id: 'text', reason: 'text', detail: 'text', mailbox_id: 'text' }, values)}
    where e.id = v.id`,
      'scheduler_refuse_emails',
    ),
    executePrepared(
      tx,
      sql`
    update ${enrollments} set
      status = 'not_sent', updated_at = ${iso(now)}::timestamptz
    where ${inList(sql`id`, enrollmentIds)}`,
      'scheduler_refuse_enrollments',
    ),
    recordActivity(
      tx,
      rows.map((r) => ({
        teamId: r.teamId,
        kind: 'email.not_sent',
        contactId: r.contactId,
        enrollmentId: r.enrollmentId,
        emailId: r.id,
        data: { reasons: r.reasons, detail: r.detail },
        at: now,
      })),
    ),
  ]);
}

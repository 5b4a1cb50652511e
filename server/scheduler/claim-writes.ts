import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { rowsOf } from '../db/rows';
import { emails, enrollments, mailboxes } from '../db/schema';
import { recordActivity } from '../domain/activity';

/*
 * The claim's writes, each one statement for the whole batch however many rows it touches: the rows
 * travel as one JSON parameter and are joined to `emails` by id. Every row here is already locked by
 * the claim's transaction, so nothing else can change them between the decision and the write.
 */

const iso = (d: Date) => d.toISOString();

/** An email that stays queued: moved to the next window (a new slot) or waiting for mailbox room. */
export interface Deferral {
  id: string;
  dueAt: Date;
  /** The new slot when it moves to another window; null keeps the slot (lateness is measured from it). */
  scheduledAt: Date | null;
  waitingFor: 'window' | 'mailbox_capacity' | 'owner_inactive';
  /** The limit or calendar rule behind the wait (min_gap, ramp_up, holiday…); null for a plain window. */
  waitReason: string | null;
  waitDetail: string | null;
}

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
  await tx.execute(sql`
    update ${emails} e set
      due_at = v.due_at, scheduled_at = coalesce(v.scheduled_at, e.scheduled_at),
      waiting_for = v.waiting_for, wait_reason = v.wait_reason, wait_detail = v.wait_detail,
      updated_at = ${iso(now)}::timestamptz, change_seq = nextval('change_seq')
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
      as v(id text, due_at timestamptz, scheduled_at timestamptz, waiting_for text, wait_reason text, wait_detail text)
    where e.id = v.id`);
}

/** Moves each mailbox's gap forward after its claims: the next claim, by any worker, waits for it. */
export async function setMailboxNextSendAt(tx: Tx, byMailbox: ReadonlyMap<string, Date>): Promise<void> {
  if (byMailbox.size === 0) return;
  const values = [...byMailbox].map(([id, at]) => ({ id, next_send_at: iso(at) }));
  await tx.execute(sql`
    update ${mailboxes} m set next_send_at = v.next_send_at
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id text, next_send_at timestamptz)
    where m.id = v.id`);
}

/** An email the guards refused: it and its enrollment become not_sent, with every reason recorded. */
export interface Refusal {
  id: string;
  teamId: string;
  contactId: string;
  enrollmentId: string;
  mailboxId: string | null;
  reasons: string[];
  detail: string;
}

export async function refuseEmails(tx: Tx, rows: readonly Refusal[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((r) => ({
    id: r.id,
    reason: r.reasons[0] ?? 'no_send_from_mailbox',
    detail: r.detail,
    mailbox_id: r.mailboxId,
  }));
  await tx.execute(sql`
    update ${emails} e set
      status = 'not_sent', reason = v.reason, detail = v.detail, mailbox_id = v.mailbox_id,
      waiting_for = null, wait_reason = null, wait_detail = null,
      updated_at = ${iso(now)}::timestamptz, change_seq = nextval('change_seq')
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
      as v(id text, reason text, detail text, mailbox_id text)
    where e.id = v.id`);
  const enrollmentIds = [...new Set(rows.map((r) => r.enrollmentId))];
  await tx.execute(sql`
    update ${enrollments} set
      status = 'not_sent', updated_at = ${iso(now)}::timestamptz, change_seq = nextval('change_seq')
    where id in (select jsonb_array_elements_text(${JSON.stringify(enrollmentIds)}::jsonb))`);
  await recordActivity(
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
  );
}

/** What the claim changed on a row beyond the values every claimed row gets. */
export interface ClaimedColumns {
  attempts: number;
}

/**
 * Marks emails `sending` from their mailbox under one attempt id and lease. Returns, per email id,
 * the columns the database computed, so callers need not read the rows back.
 */
export async function markSending(
  tx: Tx,
  rows: readonly { id: string; mailboxId: string }[],
  attempt: { attemptId: string; leaseUntil: Date },
  now: Date,
): Promise<Map<string, ClaimedColumns>> {
  if (rows.length === 0) return new Map();
  const values = rows.map((r) => ({ id: r.id, mailbox_id: r.mailboxId }));
  const updated = rowsOf<{ id: string; attempts: number }>(
    await tx.execute(sql`
      update ${emails} e set
        status = 'sending', mailbox_id = v.mailbox_id, attempt_id = ${attempt.attemptId},
        claimed_at = ${iso(now)}::timestamptz, lease_until = ${iso(attempt.leaseUntil)}::timestamptz,
        attempts = e.attempts + 1, waiting_for = null, wait_reason = null, wait_detail = null,
        updated_at = ${iso(now)}::timestamptz, change_seq = nextval('change_seq')
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id text, mailbox_id text)
      where e.id = v.id
      returning e.id, e.attempts`),
  );
  return new Map(updated.map((u) => [u.id, { attempts: Number(u.attempts) }]));
}

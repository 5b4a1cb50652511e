import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { rowsOf } from '../db/rows';
import { bouncedAddresses, contacts, emails, enrollments, mailboxes } from '../db/schema';
import { recordActivity } from '../domain/activity';
import { completeSteps } from '../domain/enrollments/complete-step';
import { isProviderError } from '../providers/provider';
import { retryDelayMs } from './backoff';
import type { ClaimedSend, EmailRow } from './claim-batch';
import { markDispatched, type SendOutcome } from './dispatch';
import { preferKeyedPlans } from './keyed-plans';
import type { SchedulerConfig } from './scheduler-config';

type Guarded = Pick<ClaimedSend, 'email' | 'attemptId' | 'teamId' | 'enrollmentId'>;

/** Updates the email only while this attempt still holds it; false means someone else took over. */
async function updateIfOwned(tx: Tx, c: Guarded, values: Partial<EmailRow>, now: Date): Promise<boolean> {
  const rows = await tx
    .update(emails)
    .set({ ...values, updatedAt: now })
    .where(and(eq(emails.id, c.email.id), eq(emails.attemptId, c.attemptId), eq(emails.status, 'sending')))
    .returning({ id: emails.id });
  return rows.length === 1;
}

async function setEnrollmentStatus(tx: Tx, id: string, status: 'not_sent' | 'bounced', now: Date) {
  await tx.update(enrollments).set({ status, updatedAt: now }).where(eq(enrollments.id, id));
}

interface SentItem {
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
export async function recordSentBatch(tx: Tx, items: SentItem[], now: Date): Promise<Guarded[]> {
  if (items.length === 0) return [];
  const values = items.map((i) => ({
    id: i.claim.email.id,
    attempt_id: i.claim.attemptId,
    subject: i.subject ?? null,
    provider_message_id: i.providerMessageId ?? null,
    thread_id: i.threadId ?? null,
  }));
  const owned = rowsOf<{ id: string }>(
    await tx.execute(sql`
      update ${emails} e set
        status = 'sent', sent_at = ${now.toISOString()}::timestamptz, lease_until = null, reason = null, detail = null,
        subject = coalesce(v.subject, e.subject),
        provider_message_id = coalesce(v.provider_message_id, e.provider_message_id),
        thread_id = coalesce(v.thread_id, e.thread_id),
        updated_at = ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
        as v(id text, attempt_id text, subject text, provider_message_id text, thread_id text)
      where e.id = v.id and e.attempt_id = v.attempt_id and e.status = 'sending'
      returning e.id`),
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

/** The attempt failed before anything can have gone out: try again later, or give up after enough tries. */
export async function recordRetry(
  tx: Tx,
  c: Guarded,
  detail: string,
  retryAfterMs: number | undefined,
  now: Date,
  config: SchedulerConfig,
  random: () => number,
): Promise<void> {
  if (c.email.attempts >= config.maxAttempts) {
    await recordNotSent(
      tx,
      c,
      'email_service_provider_error',
      `gave up after ${c.email.attempts} attempts: ${detail}`,
      now,
    );
    return;
  }
  const delay = retryDelayMs(c.email.attempts, {
    baseMs: config.backoffBaseMs,
    capMs: config.backoffCapMs,
    retryAfterMs,
    random,
  });
  await updateIfOwned(
    tx,
    c,
    {
      status: 'scheduled',
      dueAt: new Date(now.getTime() + delay),
      detail,
      attemptId: null,
      claimedAt: null,
      leaseUntil: null,
    },
    now,
  );
}

export async function recordNotSent(
  tx: Tx,
  c: Guarded,
  reason: string,
  detail: string,
  now: Date,
): Promise<void> {
  if (!(await updateIfOwned(tx, c, { status: 'not_sent', reason, detail, leaseUntil: null }, now))) return;
  await setEnrollmentStatus(tx, c.enrollmentId, 'not_sent', now);
  await recordActivity(tx, {
    teamId: c.teamId,
    kind: 'email.not_sent',
    contactId: c.email.contactId,
    enrollmentId: c.enrollmentId,
    emailId: c.email.id,
    data: { reasons: [reason], detail },
    at: now,
  });
}

/** The outcome cannot be known: visible to people, retryable by them, never resent by itself. */
export async function recordUnknown(tx: Tx, c: Guarded, detail: string, now: Date): Promise<void> {
  if (!(await updateIfOwned(tx, c, { status: 'unknown', detail, leaseUntil: null }, now))) return;
  await recordActivity(tx, {
    teamId: c.teamId,
    kind: 'email.unknown',
    contactId: c.email.contactId,
    enrollmentId: c.enrollmentId,
    emailId: c.email.id,
    data: { detail },
    at: now,
  });
}

async function recordBounce(tx: Tx, c: Guarded, detail: string, now: Date): Promise<void> {
  if (!(await updateIfOwned(tx, c, { status: 'bounced', detail, leaseUntil: null }, now))) return;
  await setEnrollmentStatus(tx, c.enrollmentId, 'bounced', now);
  const [contact] = await tx
    .update(contacts)
    .set({ bouncedAt: now, updatedAt: now })
    .where(eq(contacts.id, c.email.contactId))
    .returning({ emailLower: contacts.emailLower });
  if (contact?.emailLower) {
    await tx
      .insert(bouncedAddresses)
      .values({ teamId: c.teamId, address: contact.emailLower, detail, createdAt: now })
      .onConflictDoNothing();
  }
  await recordActivity(tx, {
    teamId: c.teamId,
    kind: 'email.bounced',
    contactId: c.email.contactId,
    enrollmentId: c.enrollmentId,
    emailId: c.email.id,
    data: { detail },
    at: now,
  });
}

/**
 * Phase three: write every outcome of a dispatched wave in one transaction, each guarded by its
 * attempt id so a worker whose lease was taken over can never overwrite the new owner's result.
 *
 * `next`, the following wave, is marked dispatched in the same transaction (see markDispatched) and
 * the claims still owned are returned: one commit per wave instead of two. A worker that dies after
 * that commit leaves exactly the state it would have left dying between a separate mark and the
 * provider call, the one wave whose outcome is unknown; failing, the transaction marks nothing.
 */
export async function recordOutcomes(
  db: Db,
  outcomes: SendOutcome[],
  now: Date,
  config: SchedulerConfig,
  random: () => number,
  next: ClaimedSend[] = [],
): Promise<ClaimedSend[]> {
  if (outcomes.length === 0) return markDispatched(db, next, now, config.leaseMs);
  return db.transaction(async (tx) => {
    await preferKeyedPlans(tx);
    const sent: SentItem[] = [];
    for (const o of outcomes) {
      const c = o.claim;
      if (o.ok) {
        sent.push({
          claim: c,
          subject: o.subject,
          providerMessageId: o.result.providerMessageId,
          threadId: o.result.threadId,
        });
        continue;
      }
      const err = o.error;
      if (!isProviderError(err)) {
        await recordNotSent(tx, c, 'other', err.message || String(err), now);
        continue;
      }
      switch (err.kind) {
        case 'transient':
          // A request that may have reached the provider is never blindly resent: the lease expires
          // and recovery reconciles it (or parks it as unknown).
          if (err.mayHaveSent) await recordUnknownOrLeave(tx, c, err.detail, now);
          else await recordRetry(tx, c, err.detail, err.retryAfterMs, now, config, random);
          break;
        case 'bounce':
          await recordBounce(tx, c, err.detail, now);
          break;
        case 'auth':
          await tx
            .update(mailboxes)
            .set({ status: 'inactive', inactiveReason: err.detail, updatedAt: now })
            .where(eq(mailboxes.id, c.mailbox.id));
          await recordNotSent(tx, c, 'mailbox_inactive', err.detail, now);
          break;
        default:
          await recordNotSent(tx, c, err.reason ?? 'other', err.detail, now);
      }
    }
    await recordSentBatch(tx, sent, now);
    return markDispatched(tx, next, now, config.leaseMs);
  });
}

/** Leaves the email `sending` with its lease cut short, so lease recovery reconciles it at once. */
async function recordUnknownOrLeave(tx: Tx, c: Guarded, detail: string, now: Date): Promise<void> {
  await updateIfOwned(tx, c, { detail, leaseUntil: now }, now);
}

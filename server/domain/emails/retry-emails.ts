import { and, eq, inArray } from 'drizzle-orm';
import { visibleContacts } from '../../auth/access';
import type { Db } from '../../db/client';
import { contacts, emails, enrollments } from '../../db/schema';
import { recordActivity } from '../activity';
import type { Actor } from '../actor';

export interface RetryResult {
  retried: string[];
  skipped: { id: string; code: 'not_found' | 'already_sent_step' | 'not_retryable' }[];
}

/** Emails a person may send again: refused, bounced, or whose outcome was lost. */
const RETRYABLE = ['not_sent', 'unknown', 'bounced'] as const;

/**
 * Puts not-sent emails back in the queue, due now; the scheduler then re-runs every guard (so the
 * window, caps and blocks still apply). `force` is stored on the row and skips only the forceable
 * protections there: never blocklists, unsubscribes, GDPR or missing data.
 */
export async function retryEmails(
  { db, now }: { db: Db; now: Date },
  user: Actor,
  input: { ids: readonly string[]; force?: boolean | undefined },
): Promise<RetryResult> {
  const { ids } = input;
  const force = input.force ?? false;
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ email: emails })
      .from(emails)
      .innerJoin(contacts, eq(contacts.id, emails.contactId))
      .where(and(inArray(emails.id, ids), visibleContacts(user)))
      .for('update', { of: emails });
    const byId = new Map(rows.map((r) => [r.email.id, r.email]));
    const result: RetryResult = { retried: [], skipped: [] };
    for (const id of new Set(ids)) {
      const e = byId.get(id);
      if (!e) result.skipped.push({ id, code: 'not_found' });
      else if (e.status === 'sent') result.skipped.push({ id, code: 'already_sent_step' });
      else if (!(RETRYABLE as readonly string[]).includes(e.status))
        result.skipped.push({ id, code: 'not_retryable' });
      else result.retried.push(id);
    }
    if (result.retried.length === 0) return result;
    const retried = rows.filter((r) => result.retried.includes(r.email.id)).map((r) => r.email);
    await tx
      .update(emails)
      .set({
        status: 'scheduled',
        dueAt: now,
        reason: null,
        detail: null,
        attempts: 0,
        attemptId: null,
        claimedAt: null,
        leaseUntil: null,
        dispatchedAt: null,
        forceSend: force,
        waitingFor: null,
        updatedAt: now,
      })
      .where(inArray(emails.id, result.retried));
    const enrollmentIds = [...new Set(retried.map((e) => e.enrollmentId).filter((x): x is string => !!x))];
    if (enrollmentIds.length > 0) {
      await tx
        .update(enrollments)
        .set({ status: 'active', updatedAt: now })
        .where(
          and(inArray(enrollments.id, enrollmentIds), inArray(enrollments.status, ['not_sent', 'bounced'])),
        );
    }
    await recordActivity(
      tx,
      retried.map((e) => ({
        teamId: e.teamId,
        kind: 'email.retried',
        contactId: e.contactId,
        enrollmentId: e.enrollmentId,
        emailId: e.id,
        actorId: user.id,
        data: { force, previousStatus: e.status, previousReason: e.reason },
        at: now,
      })),
    );
    return result;
  });
}

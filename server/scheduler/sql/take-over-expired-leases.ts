import { and, eq, inArray, lte } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { emails, enrollments, mailboxes } from '../../db/schema';

/**
 * Emails still `sending` past their lease, locked (SKIP LOCKED) and taken over under a new attempt id
 * and lease, so a late original worker can no longer write their outcome.
 */
export async function takeOverExpiredLeases(
  tx: Tx,
  now: Date,
  limit: number,
  takeover: { attemptId: string; leaseUntil: Date },
) {
  const expired = await tx
    .select({ email: emails, mailbox: mailboxes, teamId: enrollments.teamId })
    .from(emails)
    .innerJoin(mailboxes, eq(mailboxes.id, emails.mailboxId))
    .innerJoin(enrollments, eq(enrollments.id, emails.enrollmentId))
    .where(and(eq(emails.status, 'sending'), lte(emails.leaseUntil, now)))
    .limit(limit)
    .for('update', { of: emails, skipLocked: true });
  if (expired.length === 0) return [];
  await tx
    .update(emails)
    .set({
      attemptId: takeover.attemptId,
      leaseUntil: takeover.leaseUntil,
      updatedAt: now,
    })
    .where(
      inArray(
        emails.id,
        expired.map((r) => r.email.id),
      ),
    );
  return expired;
}

export type ExpiredLease = Awaited<ReturnType<typeof takeOverExpiredLeases>>[number];

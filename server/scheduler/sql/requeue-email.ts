import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { emails } from '../../db/schema';

/** Back to the queue, due now: only for an email the provider provably never got (no duplicate). */
export async function requeueEmail(tx: Tx, emailId: string, attemptId: string, now: Date): Promise<void> {
  await tx
    .update(emails)
    .set({
      status: 'scheduled',
      dueAt: now,
      attemptId: null,
      claimedAt: null,
      leaseUntil: null,
      updatedAt: now,
    })
    .where(and(eq(emails.id, emailId), eq(emails.attemptId, attemptId)));
}

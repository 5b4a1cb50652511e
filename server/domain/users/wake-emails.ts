import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { emails } from '../../db/schema';

/**
 * Emails held for an inactive owner are due again at once after a reactivation or a transfer: the
 * scheduler decides each afresh (those whose owner is still inactive just wait again), so this needs
 * no rule of its own and cannot release an email early.
 */
export async function wakeOwnerInactiveEmails(tx: Tx, teamId: string, now: Date): Promise<number> {
  const woken = await tx
    .update(emails)
    .set({
      dueAt: now,
      waitingFor: null,
      waitReason: null,
      waitDetail: null,
      updatedAt: now,
    })
    .where(
      and(eq(emails.teamId, teamId), eq(emails.status, 'scheduled'), eq(emails.waitingFor, 'owner_inactive')),
    )
    .returning({ id: emails.id });
  return woken.length;
}

import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { emails } from '../../db/schema';
import type { ClaimedSend } from '../claim-types';

/**
 * Records that these claims are about to reach their providers (one statement per wave) and renews
 * their lease. Returns only the claims this attempt still owns: one whose lease expired and was taken
 * over by lease recovery must not be sent by this worker too. Given a transaction, the mark holds
 * once it commits, and the provider may be called only after that.
 */
export async function markDispatched(
  db: Db | Tx,
  wave: ClaimedSend[],
  now: Date,
  leaseMs: number,
): Promise<ClaimedSend[]> {
  const attemptId = wave[0]?.attemptId;
  if (!attemptId) return [];
  const owned = await db
    .update(emails)
    .set({ dispatchedAt: now, leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(
      and(
        inArray(
          emails.id,
          wave.map((c) => c.email.id),
        ),
        eq(emails.attemptId, attemptId),
        eq(emails.status, 'sending'),
      ),
    )
    .returning({ id: emails.id });
  const ids = new Set(owned.map((o) => o.id));
  return wave.filter((c) => ids.has(c.email.id));
}

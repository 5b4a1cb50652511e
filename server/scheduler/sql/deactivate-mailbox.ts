import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { mailboxes } from '../../db/schema';

/** The provider refused the mailbox's credentials: it stops sending until someone reconnects it. */
export async function deactivateMailbox(tx: Tx, id: string, reason: string, now: Date): Promise<void> {
  await tx
    .update(mailboxes)
    .set({ status: 'inactive', inactiveReason: reason, updatedAt: now })
    .where(eq(mailboxes.id, id));
}

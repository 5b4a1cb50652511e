import { and, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { mailboxes, mailboxSync } from '../db/schema';

export interface IdleClaimOptions {
  now: Date;
  owner: string;
  leaseMs: number;
  /** Most IDLE connections this worker holds. */
  limit: number;
}

/**
 * Takes or renews IDLE leases on active `smtp` mailboxes (the ones that may have IMAP settings):
 * the ones this worker already holds first (sticky, so a connection is not moved between workers
 * every round), then any whose holder stopped renewing. `SKIP LOCKED`, so workers never wait on
 * each other and never both hold one mailbox.
 */
export async function claimIdleMailboxes(db: Db, opts: IdleClaimOptions): Promise<string[]> {
  return db.transaction(async (tx) => {
    const mine = eq(mailboxSync.idleOwner, opts.owner);
    const rows = await tx
      .select({ id: mailboxSync.mailboxId })
      .from(mailboxSync)
      .innerJoin(mailboxes, eq(mailboxes.id, mailboxSync.mailboxId))
      .where(
        and(
          eq(mailboxes.status, 'active'),
          eq(mailboxes.provider, 'smtp'),
          or(mine, isNull(mailboxSync.idleUntil), lte(mailboxSync.idleUntil, opts.now)),
        ),
      )
      .orderBy(desc(sql`${mailboxSync.idleOwner} is not distinct from ${opts.owner}`), mailboxSync.mailboxId)
      .limit(opts.limit)
      .for('update', { of: mailboxSync, skipLocked: true });
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    await tx
      .update(mailboxSync)
      .set({ idleOwner: opts.owner, idleUntil: new Date(opts.now.getTime() + opts.leaseMs) })
      .where(inArray(mailboxSync.mailboxId, ids));
    return ids;
  });
}

/** Gives IDLE leases back (a stopping worker, a mailbox without IMAP), so another worker may take them. */
export async function releaseIdleMailboxes(db: Db, owner: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(mailboxSync)
    .set({ idleOwner: null, idleUntil: null })
    .where(and(eq(mailboxSync.idleOwner, owner), inArray(mailboxSync.mailboxId, ids)));
}

/**
 * Which of `ids` this worker still holds for IDLE, read without locking. A claim skips rows another
 * transaction has locked (a sync saving its cursor, a wake moving next_sync_at), so a mailbox missing
 * from a claim is not lost: only one whose lease ran out or went to another worker, or that is no
 * longer an active `smtp` mailbox, is. Dropping its connection on a mere skip left a gap in which an
 * APPEND to INBOX announced nothing (the missed IDLE wake-up of the sync benchmark).
 */
export async function idleLeasesHeld(db: Db, owner: string, ids: string[], now: Date): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: mailboxSync.mailboxId })
    .from(mailboxSync)
    .innerJoin(mailboxes, eq(mailboxes.id, mailboxSync.mailboxId))
    .where(
      and(
        inArray(mailboxSync.mailboxId, ids),
        eq(mailboxSync.idleOwner, owner),
        gt(mailboxSync.idleUntil, now),
        eq(mailboxes.status, 'active'),
        eq(mailboxes.provider, 'smtp'),
      ),
    );
  return rows.map((r) => r.id);
}

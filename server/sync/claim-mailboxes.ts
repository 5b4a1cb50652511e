import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { mailboxes, mailboxSync } from '../db/schema';

/** Providers whose mailboxes can be read (an `smtp` one only with `settings.imap`, decided when synced). */
export const READABLE_PROVIDERS = ['gmail', 'outlook', 'smtp'] as const;

export interface ClaimOptions {
  now: Date;
  /** Who holds the lease (one id per worker process). */
  owner: string;
  leaseMs: number;
  limit: number;
}

/**
 * Leases mailboxes that are due for a sync: one worker per mailbox at a time, any number of workers
 * on Postgres (`FOR UPDATE SKIP LOCKED`, as sends are claimed). A lease that runs out (its worker
 * died) makes the mailbox claimable again; its cursor is where the last applied batch left it.
 */
export async function claimDueMailboxes(db: Db, opts: ClaimOptions): Promise<string[]> {
  // Rows are made lazily, due at once, for mailboxes linked since the last claim.
  await db.execute(sql`
    insert into ${mailboxSync} (mailbox_id, team_id, next_sync_at)
    select ${mailboxes.id}, ${mailboxes.teamId}, ${opts.now.toISOString()}::timestamptz
    from ${mailboxes}
    where ${mailboxes.status} = 'active'
      and ${inArray(mailboxes.provider, [...READABLE_PROVIDERS])}
      and not exists (select 1 from ${mailboxSync} s where s.mailbox_id = ${mailboxes.id})
    on conflict do nothing`);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: mailboxSync.mailboxId })
      .from(mailboxSync)
      .innerJoin(mailboxes, eq(mailboxes.id, mailboxSync.mailboxId))
      .where(
        and(
          eq(mailboxes.status, 'active'),
          lte(mailboxSync.nextSyncAt, opts.now),
          or(isNull(mailboxSync.leaseUntil), lte(mailboxSync.leaseUntil, opts.now)),
        ),
      )
      .orderBy(asc(mailboxSync.nextSyncAt))
      .limit(opts.limit)
      .for('update', { of: mailboxSync, skipLocked: true });
    if (due.length === 0) return [];
    const ids = due.map((d) => d.id);
    await tx
      .update(mailboxSync)
      .set({
        leaseUntil: new Date(opts.now.getTime() + opts.leaseMs),
        leaseOwner: opts.owner,
        updatedAt: opts.now,
      })
      .where(inArray(mailboxSync.mailboxId, ids));
    return ids;
  });
}

/** Asks for a mailbox to be read at once (IMAP IDLE saw new mail, a push notification came in). */
export async function syncSoon(db: Db, mailboxId: string, now: Date): Promise<void> {
  await db.update(mailboxSync).set({ nextSyncAt: now }).where(eq(mailboxSync.mailboxId, mailboxId));
}

import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { mailboxShares, users } from '../../db/schema';
import { recordActivity } from '../activity';
import type { Actor } from '../actor';
import { invalid } from '../errors';
import type { MailboxRow } from './mailbox-dto';

export interface MailboxShareEntry {
  userId: string;
  name: string;
  email: string;
}

export async function listMailboxShares(db: Db | Tx, mailboxId: string): Promise<MailboxShareEntry[]> {
  return db
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(mailboxShares)
    .innerJoin(users, eq(users.id, mailboxShares.userId))
    .where(eq(mailboxShares.mailboxId, mailboxId))
    .orderBy(asc(users.id));
}

/**
 * Lets a colleague send through a team or shared inbox. Only the owner or an admin may (the caller
 * reached `box` through loadMailboxFor, which enforces that); the share does not pass on.
 */
export async function shareMailbox(
  db: Db,
  user: Actor,
  box: MailboxRow,
  userId: string,
  now: Date,
): Promise<MailboxShareEntry[]> {
  const [target] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.teamId, box.teamId)));
  if (!target) {
    throw invalid('userId must name a user of your team', [{ path: 'userId', message: 'unknown user' }]);
  }
  if (target.id === box.userId) {
    throw invalid('the owner already uses this mailbox', [{ path: 'userId', message: 'is the owner' }]);
  }
  return db.transaction(async (tx) => {
    await tx.insert(mailboxShares).values({ mailboxId: box.id, userId: target.id }).onConflictDoNothing();
    await recordActivity(tx, {
      teamId: box.teamId,
      kind: 'mailbox.shared',
      actorId: user.id,
      data: { mailboxId: box.id, userId: target.id },
      at: now,
    });
    return listMailboxShares(tx, box.id);
  });
}

export async function unshareMailbox(
  db: Db,
  user: Actor,
  box: MailboxRow,
  userId: string,
  now: Date,
): Promise<MailboxShareEntry[]> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(mailboxShares)
      .where(and(eq(mailboxShares.mailboxId, box.id), eq(mailboxShares.userId, userId)))
      .returning({ userId: mailboxShares.userId });
    if (removed.length > 0) {
      await recordActivity(tx, {
        teamId: box.teamId,
        kind: 'mailbox.unshared',
        actorId: user.id,
        data: { mailboxId: box.id, userId },
        at: now,
      });
    }
    return listMailboxShares(tx, box.id);
  });
}

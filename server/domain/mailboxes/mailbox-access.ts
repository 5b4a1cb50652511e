import { and, eq, exists, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { mailboxes, mailboxShares } from '../../db/schema';
import type { Actor } from '../actor';

/**
 * Who may send through a mailbox: its owner and the users it is shared with. Admins may assign any
 * mailbox of their team. Everyone else may not even learn its id, because an id is all it takes to
 * ask for a send from a colleague's address.
 */
export function usableMailboxes(user: Actor): SQL {
  const team = eq(mailboxes.teamId, user.teamId);
  if (user.role === 'admin') return team;
  const shared = exists(
    sql`(select 1 from ${mailboxShares} where ${mailboxShares.mailboxId} = ${mailboxes.id} and ${mailboxShares.userId} = ${user.id})`,
  );
  return and(team, or(eq(mailboxes.userId, user.id), shared)) as SQL;
}

/** Of `ids`, the ones `user` may use (all of them, if they are the team's, for an admin). */
export async function filterUsableMailboxIds(
  db: Db | Tx,
  user: Actor,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: mailboxes.id })
    .from(mailboxes)
    .where(and(inArray(mailboxes.id, [...new Set(ids)]), usableMailboxes(user)));
  return new Set(rows.map((r) => r.id));
}

/**
 * Hides the ids of mailboxes the viewer may not use from what they read (emails and enrollments of
 * a shared sequence carry the sender's mailbox). Admins see every id.
 */
export interface MailboxIdMask {
  one(id: string | null): string | null;
  many(ids: readonly string[]): string[];
}

export async function mailboxIdMask(
  db: Db | Tx,
  user: Actor,
  ids: Iterable<string | null>,
): Promise<MailboxIdMask> {
  if (user.role === 'admin') return { one: (id) => id, many: (ids) => [...ids] };
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
  const allowed = await filterUsableMailboxIds(db, user, wanted);
  return {
    one: (id) => (id !== null && allowed.has(id) ? id : null),
    many: (list) => list.filter((id) => allowed.has(id)),
  };
}

/** `items` with every mailbox id the viewer may not use blanked (`mailboxId`) or left out (`mailboxIds`). */
export async function maskMailboxIds<T extends { mailboxId?: string | null; mailboxIds?: string[] }>(
  db: Db | Tx,
  user: Actor,
  items: T[],
): Promise<T[]> {
  if (user.role === 'admin' || items.length === 0) return items;
  const mask = await mailboxIdMask(
    db,
    user,
    items.flatMap((i) => [i.mailboxId ?? null, ...(i.mailboxIds ?? [])]),
  );
  return items.map((i) => ({
    ...i,
    ...(i.mailboxId !== undefined && { mailboxId: mask.one(i.mailboxId) }),
    ...(i.mailboxIds !== undefined && { mailboxIds: mask.many(i.mailboxIds) }),
  }));
}

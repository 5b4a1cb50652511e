import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { mailboxes } from '../../db/schema';
import type { Actor } from '../actor';
import { invalid } from '../errors';
import { usableMailboxes } from '../mailboxes/mailbox-access';

/**
 * The mailbox pool an enrollment rotates over. Given ids must all be mailboxes the caller may use:
 * their own, ones shared with them, or, for an admin, any of the team's (an admin may "change
 * send-from users"). A colleague's mailbox is refused like an unknown one, so ids reveal nothing. With
 * none given, the caller's own mailboxes, active ones first; an empty pool is allowed (a sequence
 * of calls and tasks needs none; an email step is then held as no_send_from_mailbox).
 */
export async function resolveEnrollMailboxes(
  db: Db,
  user: Actor,
  ids: readonly string[] | undefined,
): Promise<string[]> {
  if (ids && ids.length > 0) {
    const wanted = [...new Set(ids)];
    const rows = await db
      .select({ id: mailboxes.id })
      .from(mailboxes)
      .where(and(inArray(mailboxes.id, wanted), usableMailboxes(user)));
    const known = new Set(rows.map((r) => r.id));
    const unknown = wanted.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw invalid(
        'mailboxIds must name mailboxes you own or that are shared with you',
        unknown.map((id) => ({ path: 'mailboxIds', message: `unknown mailbox ${id}` })),
      );
    }
    return wanted;
  }
  const own = await db
    .select({ id: mailboxes.id })
    .from(mailboxes)
    .where(and(eq(mailboxes.userId, user.id), eq(mailboxes.teamId, user.teamId)))
    // 'active' sorts before 'inactive'.
    .orderBy(asc(mailboxes.status), desc(mailboxes.createdAt), asc(mailboxes.id));
  return own.map((r) => r.id);
}

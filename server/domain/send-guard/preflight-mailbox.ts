import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { enrollments, mailboxes } from '../../db/schema';
import type { Actor } from '../actor';
import { resolveEnrollMailboxes } from '../enrollments/mailboxes';

/**
 * The mailbox a sequence send would go out from, as the scheduler picks it (assignMailboxes): the
 * first active mailbox of the pool; with none active, the pool's first one still linked (so the
 * answer is mailbox_inactive); with none linked, null (no_send_from_mailbox).
 */
async function pickFromPool(db: Db, teamId: string, pool: readonly string[]): Promise<string | null> {
  if (pool.length === 0) return null;
  const rows = await db
    .select({ id: mailboxes.id, status: mailboxes.status })
    .from(mailboxes)
    .where(and(eq(mailboxes.teamId, teamId), inArray(mailboxes.id, [...pool])));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const linked = pool.filter((id) => byId.has(id));
  return linked.find((id) => byId.get(id)?.status === 'active') ?? linked[0] ?? null;
}

/**
 * With no mailbox named, a contact already in the sequence is checked against the mailboxes their
 * enrollment rotates over (what the scheduler will use, removed or inactive ones included); a
 * contact not yet enrolled against the pool enrolling them now would give them.
 */
export async function preflightSequenceMailbox(
  db: Db,
  user: Actor,
  contactId: string | null,
  sequenceId: string,
): Promise<string | null> {
  const [enrollment] = contactId
    ? await db
        .select({ mailboxIds: enrollments.mailboxIds })
        .from(enrollments)
        .where(
          and(
            eq(enrollments.teamId, user.teamId),
            eq(enrollments.contactId, contactId),
            eq(enrollments.sequenceId, sequenceId),
          ),
        )
        .orderBy(desc(enrollments.createdAt))
        .limit(1)
    : [];
  const pool = enrollment ? enrollment.mailboxIds : await resolveEnrollMailboxes(db, user, undefined);
  return pickFromPool(db, user.teamId, pool);
}

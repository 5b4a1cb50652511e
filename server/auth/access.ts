import { and, eq, exists, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { contacts, enrollments, sequenceShares, sequences } from '../db/schema';
import type { Actor } from '../domain/actor';
import { forbidden, notFound } from '../domain/errors';

export type SequenceAccess = 'owner' | 'edit' | 'view';

/**
 * Who sees what. Admins see the whole team. A rep sees the sequences they own or that were shared
 * with them, and the contacts they own, nobody's (the team pool), or that they enrolled themselves.
 * Anything else answers 404, so ids of other people's records reveal nothing.
 */
export function visibleSequences(user: Actor): SQL {
  const team = eq(sequences.teamId, user.teamId);
  if (user.role === 'admin') return team;
  const shared = exists(
    sql`(select 1 from ${sequenceShares} where ${sequenceShares.sequenceId} = ${sequences.id} and ${sequenceShares.userId} = ${user.id})`,
  );
  return and(team, or(eq(sequences.ownerId, user.id), shared)) as SQL;
}

export function visibleContacts(user: Actor): SQL {
  const team = eq(contacts.teamId, user.teamId);
  if (user.role === 'admin') return team;
  const enrolledByMe = exists(
    sql`(select 1 from ${enrollments} where ${enrollments.contactId} = ${contacts.id} and ${enrollments.userId} = ${user.id})`,
  );
  return and(team, or(eq(contacts.ownerId, user.id), isNull(contacts.ownerId), enrolledByMe)) as SQL;
}

export async function loadSequenceFor(
  db: Db,
  user: Actor,
  sequenceId: string,
  need: 'view' | 'edit',
): Promise<{ sequence: typeof sequences.$inferSelect; access: SequenceAccess }> {
  const [row] = await db
    .select({
      sequence: sequences,
      share: sql<
        'view' | 'edit' | null
      >`(select ${sequenceShares.access} from ${sequenceShares} where ${sequenceShares.sequenceId} = ${sequences.id} and ${sequenceShares.userId} = ${user.id})`,
    })
    .from(sequences)
    .where(and(eq(sequences.id, sequenceId), eq(sequences.teamId, user.teamId)));
  if (!row) throw notFound('sequence');
  const access: SequenceAccess | null =
    user.role === 'admin' || row.sequence.ownerId === user.id ? 'owner' : row.share;
  if (!access) throw notFound('sequence');
  if (need === 'edit' && access === 'view') throw forbidden('this sequence is shared with you to view only');
  return { sequence: row.sequence, access };
}

export async function loadContactFor(db: Db, user: Actor, contactId: string) {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, contactId), visibleContacts(user)));
  if (!row) throw notFound('contact');
  return row;
}

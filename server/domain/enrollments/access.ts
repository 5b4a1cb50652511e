import { and, eq, or, type SQL } from 'drizzle-orm';
import { loadSequenceFor, visibleSequences } from '../../auth/access';
import type { Db, Tx } from '../../db/client';
import { enrollments, sequences } from '../../db/schema';
import type { Actor } from '../actor';
import { notFound } from '../errors';
import type { EnrollmentRow } from './plan-step';

/**
 * An enrollment is visible with its sequence, and to the user who enrolled the contact (so a rep's
 * contact panel still lists enrollments they made in a sequence no longer shared with them).
 * Use with a join on sequences.
 */
export function visibleEnrollments(user: Actor): SQL {
  const team = eq(enrollments.teamId, user.teamId);
  if (user.role === 'admin') return team;
  return and(team, or(visibleSequences(user), eq(enrollments.userId, user.id))) as SQL;
}

/** Loads an enrollment the user may see; 'edit' also needs edit access to its sequence (403). */
export async function loadEnrollmentFor(
  db: Db | Tx,
  user: Actor,
  id: string,
  need: 'view' | 'edit',
): Promise<EnrollmentRow> {
  const [row] = await db
    .select({ e: enrollments })
    .from(enrollments)
    .innerJoin(sequences, eq(sequences.id, enrollments.sequenceId))
    .where(and(eq(enrollments.id, id), visibleEnrollments(user)));
  if (!row) throw notFound('enrollment');
  if (need === 'edit') await loadSequenceFor(db, user, row.e.sequenceId, 'edit');
  return row.e;
}

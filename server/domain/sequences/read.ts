import { asc, eq, getTableColumns, ilike, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { Sequence } from '../../../shared/schemas/sequence';
import { loadSequenceFor, type SequenceAccess, visibleSequences } from '../../auth/access';
import type { Db, Tx } from '../../db/client';
import { enrollments, sequenceShares, sequences, steps } from '../../db/schema';
import type { Actor } from '../actor';
import { keysetPage, mapPage } from '../keyset-page';
import { type EnrollmentCounts, emptyCounts, type StepRow, toSequenceDto } from './dto';

export type SequenceWithCounts = Sequence & { counts: EnrollmentCounts };

async function countsFor(db: Db | Tx, ids: readonly string[]): Promise<Map<string, EnrollmentCounts>> {
  const out = new Map(ids.map((id) => [id, emptyCounts()]));
  if (ids.length === 0) return out;
  const rows = await db
    .select({ sequenceId: enrollments.sequenceId, status: enrollments.status, n: sql<number>`count(*)::int` })
    .from(enrollments)
    .where(inArray(enrollments.sequenceId, [...ids]))
    .groupBy(enrollments.sequenceId, enrollments.status);
  for (const r of rows) {
    const counts = out.get(r.sequenceId);
    if (counts) counts[r.status] = Number(r.n);
  }
  return out;
}

async function stepsFor(db: Db | Tx, ids: readonly string[]): Promise<Map<string, StepRow[]>> {
  const out = new Map<string, StepRow[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db
    .select()
    .from(steps)
    .where(inArray(steps.sequenceId, [...ids]))
    .orderBy(asc(steps.position));
  for (const r of rows) out.get(r.sequenceId)?.push(r);
  return out;
}

/** The sequence as GET /api/sequences/:id shows it to this user, with per-status enrollment counts. */
export async function sequenceView(db: Db | Tx, user: Actor, id: string): Promise<SequenceWithCounts> {
  const { sequence, access } = await loadSequenceFor(db, user, id, 'view');
  const [stepRows, counts] = await Promise.all([stepsFor(db, [id]), countsFor(db, [id])]);
  return {
    ...toSequenceDto(sequence, stepRows.get(id) ?? [], access),
    counts: counts.get(id) ?? emptyCounts(),
  };
}

export interface ListQuery {
  q?: string | undefined;
  active?: boolean | undefined;
  /** false (the default): sequences in use; true: only archived ones. */
  archived?: boolean | undefined;
  /** Only sequences this user owns (among those the caller sees). */
  ownerId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export async function listSequences({ db }: { db: Db }, user: Actor, query: ListQuery) {
  const filters: (SQL | undefined)[] = [
    visibleSequences(user),
    query.q ? ilike(sequences.name, likePattern(query.q)) : undefined,
    query.active === undefined ? undefined : eq(sequences.active, query.active),
    query.ownerId ? eq(sequences.ownerId, query.ownerId) : undefined,
    query.archived ? isNotNull(sequences.archivedAt) : isNull(sequences.archivedAt),
  ];
  const page = await keysetPage(
    db
      .select({
        ...getTableColumns(sequences),
        share: sql<
          'view' | 'edit' | null
        >`(select ${sequenceShares.access} from ${sequenceShares} where ${sequenceShares.sequenceId} = ${sequences.id} and ${sequenceShares.userId} = ${user.id})`,
      })
      .from(sequences)
      .$dynamic(),
    sequences.id,
    filters,
    query,
  );
  const ids = page.items.map((r) => r.id);
  const [stepRows, counts] = await Promise.all([stepsFor(db, ids), countsFor(db, ids)]);
  return mapPage(page, ({ share, ...sequence }): SequenceWithCounts => {
    const access: SequenceAccess =
      user.role === 'admin' || sequence.ownerId === user.id ? 'owner' : (share ?? 'view');
    return {
      ...toSequenceDto(sequence, stepRows.get(sequence.id) ?? [], access),
      counts: counts.get(sequence.id) ?? emptyCounts(),
    };
  });
}

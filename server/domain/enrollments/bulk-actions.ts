import { and, eq, inArray } from 'drizzle-orm';
import type { BulkEnrollmentResult, FinishReason } from '../../../shared/schemas/enrollment';
import { loadSequenceFor } from '../../auth/access';
import type { Db, DbOrTx } from '../../db/client';
import { enrollments, sequences } from '../../db/schema';
import type { Actor } from '../actor';
import { DomainError } from '../errors';
import type { Logger } from '../logger';
import { visibleEnrollments } from './access';
import { toEnrollmentDto } from './dto';
import {
  finishEnrollmentRow,
  pauseEnrollmentRow,
  removeEnrollmentRow,
  resumeEnrollmentRow,
} from './lifecycle';
import type { EnrollmentRow } from './plan-step';

export type BulkCommand =
  | { action: 'pause'; resumeAt: Date | null }
  | { action: 'resume' }
  | { action: 'finish'; reason: FinishReason }
  | { action: 'remove' };

type Outcome = BulkEnrollmentResult['results'][number];
type Failure = { code: string; message: string };

const failureOf = (err: DomainError): Failure => ({ code: err.code, message: err.message });

/** What each single-enrollment route would do with this enrollment, through the same functions. */
function apply(tx: DbOrTx, id: string, cmd: BulkCommand, now: Date, actorId: string): Promise<EnrollmentRow> {
  switch (cmd.action) {
    case 'pause':
      return pauseEnrollmentRow(tx, id, { now, actorId, resumeAt: cmd.resumeAt });
    case 'resume':
      return resumeEnrollmentRow(tx, id, { now, actorId });
    case 'finish':
      return finishEnrollmentRow(tx, id, { now, actorId, reason: cmd.reason });
    case 'remove':
      return removeEnrollmentRow(tx, id, { now, actorId });
  }
}

/**
 * Why the user may not change each of these enrollments, if they may not: the rules of
 * loadEnrollmentFor(…, 'edit'), checked once per sequence instead of once per id. Unseen ids are
 * `not_found` (as a single call's 404), view-only shares `forbidden`.
 */
async function refusals(db: Db, user: Actor, ids: readonly string[]): Promise<Map<string, Failure>> {
  const visible = await db
    .select({ id: enrollments.id, sequenceId: enrollments.sequenceId })
    .from(enrollments)
    .innerJoin(sequences, eq(sequences.id, enrollments.sequenceId))
    .where(and(inArray(enrollments.id, [...ids]), visibleEnrollments(user)));
  const bySequence = new Map<string, Failure | null>();
  for (const sequenceId of new Set(visible.map((v) => v.sequenceId))) {
    try {
      await loadSequenceFor(db, user, sequenceId, 'edit');
      bySequence.set(sequenceId, null);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      bySequence.set(sequenceId, failureOf(err));
    }
  }
  const out = new Map<string, Failure>(
    ids.map((id) => [id, { code: 'not_found', message: 'enrollment not found' }]),
  );
  for (const v of visible) {
    const refused = bySequence.get(v.sequenceId);
    if (refused) out.set(v.id, refused);
    else out.delete(v.id);
  }
  return out;
}

/** Transactions at once: disjoint rows (one enrollment each), a few of the pool's connections. */
const LANES = 4;

/**
 * Applies one action to many enrollments, each in its own transaction, so one that cannot change
 * (finished meanwhile, not visible, a conflict) never undoes or blocks the others, and no lock is
 * held across the whole batch while the scheduler works. Results keep the order of `ids`.
 */
export async function applyBulkAction(
  db: Db,
  user: Actor,
  ids: readonly string[],
  cmd: BulkCommand,
  now: Date,
  log: Logger,
): Promise<BulkEnrollmentResult> {
  const distinct = [...new Set(ids)];
  const refused = await refusals(db, user, distinct);
  const one = async (id: string): Promise<Outcome> => {
    const refusal = refused.get(id);
    if (refusal) return { id, ok: false, error: refusal };
    try {
      const row = await db.transaction((tx) => apply(tx, id, cmd, now, user.id));
      return { id, ok: true, enrollment: toEnrollmentDto(row) };
    } catch (err) {
      if (err instanceof DomainError) return { id, ok: false, error: failureOf(err) };
      // The others were applied already; failing the whole call would hide that.
      log.error('bulk enrollment action failed', cmd.action, id, err);
      return {
        id,
        ok: false,
        error: { code: 'internal_error', message: 'something went wrong on the server' },
      };
    }
  };
  const results = new Array<Outcome>(distinct.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < distinct.length; i = next++) results[i] = await one(distinct[i] as string);
  };
  await Promise.all(Array.from({ length: Math.min(LANES, distinct.length) }, lane));
  return { results };
}

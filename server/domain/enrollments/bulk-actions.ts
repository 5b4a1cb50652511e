import { and, eq } from 'drizzle-orm';
import type { BulkEnrollmentResult } from '../../../shared/schemas/enrollment';
import { loadSequenceFor } from '../../auth/access';
import { inList } from '../../db/bulk';
import type { Db } from '../../db/client';
import { enrollments, sequences } from '../../db/schema';
import type { Actor } from '../actor';
import { DomainError } from '../errors';
import type { Logger } from '../logger';
import { visibleEnrollments } from './access';
import { applyLifecycleMany, type BulkChange, type BulkCommand } from './bulk-lifecycle';
import { reenrollMany } from './bulk-reenroll';
import { toEnrollmentDto } from './dto';

/** A lifecycle change, or enrolling removed and finished enrollments' contacts again. */
export type BulkRequest = BulkCommand | { action: 'reenroll'; skipValidation: boolean };

type Outcome = BulkEnrollmentResult['results'][number];
type Failure = { code: string; message: string };

const failureOf = (err: DomainError): Failure => ({ code: err.code, message: err.message });

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
    .where(and(inList(enrollments.id, ids), visibleEnrollments(user)));
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

/**
 * Applies one action to many enrollments in one transaction, set-based (bulk-lifecycle.ts: one
 * statement per kind of change, the single routes' rules, conflicts and history rows; reenroll goes
 * through the enroll path, bulk-reenroll.ts). An id that
 * cannot change (not visible, finished meanwhile, a conflict) fails alone with its reason; the others
 * are applied. Results keep the order of `ids`, each id once.
 */
export async function applyBulkAction(
  db: Db,
  user: Actor,
  ids: readonly string[],
  cmd: BulkRequest,
  now: Date,
  log: Logger,
): Promise<BulkEnrollmentResult> {
  const distinct = [...new Set(ids)];
  const refused = await refusals(db, user, distinct);
  const allowed = distinct.filter((id) => !refused.has(id));
  let changes: Map<string, BulkChange>;
  try {
    changes =
      cmd.action === 'reenroll'
        ? await reenrollMany(db, user, allowed, cmd.skipValidation, now)
        : await db.transaction((tx) => applyLifecycleMany(tx, allowed, cmd, now, user.id));
  } catch (err) {
    log.error('bulk enrollment action failed', cmd.action, allowed.length, err);
    changes = new Map();
  }
  const results = distinct.map((id): Outcome => {
    const refusal = refused.get(id);
    if (refusal) return { id, ok: false, error: refusal };
    const change = changes.get(id);
    if (change?.ok) return { id, ok: true, enrollment: toEnrollmentDto(change.row) };
    if (change) return { id, ok: false, error: { code: change.code, message: change.message } };
    return {
      id,
      ok: false,
      error: { code: 'internal_error', message: 'something went wrong on the server' },
    };
  });
  return { results };
}

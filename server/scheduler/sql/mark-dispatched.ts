import { sql } from 'drizzle-orm';
import { inList } from '../../db/bulk';
import type { Db } from '../../db/client';
import { executePrepared } from '../../db/prepared';
import { emails } from '../../db/schema';
import type { ClaimedSend } from '../claim-types';
import { iso } from './iso';

/**
 * Records that these claims are about to reach their providers (one statement per wave) and renews
 * their lease. Returns only the claims this attempt still owns: one whose lease expired and was taken
 * over by lease recovery must not be sent by this worker too. Given a transaction, the mark holds
 * once it commits, and the provider may be called only after that.
 *
 * The wave's rows are reached by primary key. Written `status = 'sending'`, the guard matches the
 * predicate of the partial index emails_lease, and the planner, whose statistics (taken when no row
 * was sending) price that index at one row, scanned every sending row and re-expanded the JSON id
 * list for each of them: 200 x 200 comparisons, ~12 ms of a wave. `(…) is true` is the same test
 * (status is never null) but proves nothing about the index predicate, so only the key path is left.
 */
export async function markDispatched(
  db: Db,
  wave: ClaimedSend[],
  now: Date,
  leaseMs: number,
): Promise<ClaimedSend[]> {
  const attemptId = wave[0]?.attemptId;
  if (!attemptId) return [];
  const owned = await executePrepared<{ id: string }>(
    db,
    sql`
      update ${emails} set dispatched_at = ${iso(now)}::timestamptz,
        lease_until = ${iso(new Date(now.getTime() + leaseMs))}::timestamptz
      where ${inList(
        sql`id`,
        wave.map((c) => c.email.id),
      )}
        and attempt_id = ${attemptId} and (status = 'sending') is true
      returning id`,
    'scheduler_mark_dispatched',
  );
  const ids = new Set(owned.map((o) => o.id));
  return wave.filter((c) => ids.has(c.email.id));
}

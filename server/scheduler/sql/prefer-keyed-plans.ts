import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { executePrepared } from '../../db/prepared';

/**
 * Every statement of a scheduler transaction reaches its rows by key (an id list, a mailbox, the due
 * index in claim order), so its cost should follow the batch, not the table. Left to itself the
 * planner often picks otherwise when its statistics are stale, as they always are right after a bulk
 * enrollment or during a backlog (autovacuum runs about once a minute at best, never mid-burst):
 * it sorted the whole due backlog to take the first batch, hash-joined a wave's ids against every
 * `sending` index entry (dead ones included), and scanned whole tables for a batch's contacts. Those
 * choices made each batch cost more the longer the backlog, so throughput fell with size.
 *
 * These settings hold until the transaction ends and only price the alternatives out (a statement
 * with no keyed path still runs, as before); nothing else on the connection sees them. JIT goes too:
 * a priced-out plan looks expensive enough to compile, which costs tens of milliseconds per
 * statement here and never pays back on a batch this size.
 */
export async function preferKeyedPlans(tx: Tx): Promise<void> {
  await executePrepared(
    tx,
    sql`select
    set_config('enable_seqscan', 'off', true),
    set_config('enable_bitmapscan', 'off', true),
    set_config('enable_hashjoin', 'off', true),
    set_config('enable_mergejoin', 'off', true),
    set_config('enable_sort', 'off', true),
    set_config('jit', 'off', true)`,
    'scheduler_keyed_plans',
  );
}

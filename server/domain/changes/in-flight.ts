import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { executePrepared } from '../../db/prepared';

const XID_SPACE = 2n ** 32n;

/**
 * Decides which visible rows the feed must hold back for now.
 *
 * `change_seq` is taken when a row is written, not when its transaction commits. While a transaction
 * holding seq 40 is still open, another may commit seq 41; a client that read 41 and moved its cursor
 * past 40 would never see 40. So rows written by transactions that started (got their xid) after the
 * oldest transaction still open in this database are withheld, together with everything after them,
 * until it ends. Transactions of other databases on the same server are ignored: they cannot write
 * here. Call it first in a REPEATABLE READ transaction so the feed's queries share its snapshot.
 */
export async function inFlightFilter(tx: Tx): Promise<(rowXid: number) => boolean> {
  const rows = await executePrepared<{ xmax: string; xip: string; others: string }>(
    tx,
    sql`
    select pg_snapshot_xmax(s)::text as xmax,
      coalesce((select string_agg(x::text, ',') from pg_snapshot_xip(s) as x), '') as xip,
      coalesce((select string_agg(backend_xid::text, ',') from pg_stat_activity
        where backend_xid is not null and datname is distinct from current_database()), '') as others
    from (select pg_current_snapshot() as s) as snap`,
    'feed_in_flight',
  );
  const snap = rows[0];
  if (!snap?.xip) return () => false;
  const xmax = Number(BigInt(snap.xmax) % XID_SPACE);
  const others = new Set(snap.others.split(',').filter(Boolean).map(Number));
  // Ages count back from xmax modulo 2^32, which is how 32-bit row xids wrap around.
  const age = (xid: number) => (xmax - xid + 2 ** 32) % 2 ** 32;
  const open = snap.xip
    .split(',')
    .map((x) => Number(BigInt(x) % XID_SPACE))
    .filter((x) => !others.has(x));
  if (open.length === 0) return () => false;
  const oldestOpen = Math.max(...open.map(age));
  return (rowXid) => age(rowXid) <= oldestOpen;
}

import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { executePrepared } from '../../db/prepared';
import { mailboxes } from '../../db/schema';
import { iso } from './iso';

/**
 * Moves the tail of each gap-keeping mailbox's queue to the latest retry time the claim handed out on
 * it (never back: the row is locked, but a returning email may be given an earlier time than the tail).
 */
export async function setMailboxQueuedUntil(tx: Tx, tails: ReadonlyMap<string, Date>): Promise<void> {
  if (tails.size === 0) return;
  const values = [...tails].map(([id, at]) => ({ id, queued_until: iso(at) }));
  await executePrepared(
    tx,
    sql`
    update ${mailboxes} m set queued_until = greatest(m.queued_until, v.queued_until)
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id text, queued_until timestamptz)
    where m.id = v.id`,
    'scheduler_set_queued_until',
  );
}

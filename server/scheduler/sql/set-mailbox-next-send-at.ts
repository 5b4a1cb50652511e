import { sql } from 'drizzle-orm';
import { recordset } from '../../db/bulk';
import type { Tx } from '../../db/client';
import { executePrepared } from '../../db/prepared';
import { mailboxes } from '../../db/schema';
import { iso } from './iso';

/** Moves each mailbox's gap forward after its claims: the next claim, by any worker, waits for it. */
export async function setMailboxNextSendAt(tx: Tx, byMailbox: ReadonlyMap<string, Date>): Promise<void> {
  if (byMailbox.size === 0) return;
  const values = [...byMailbox].map(([id, at]) => ({ id, next_send_at: iso(at) }));
  await executePrepared(
    tx,
    sql`
    update ${mailboxes} m set next_send_at = v.next_send_at
    from ${recordset('v', { id: 'text', next_send_at: 'timestamptz' }, values)}
    where m.id = v.id`,
    'scheduler_set_next_send_at',
  );
}

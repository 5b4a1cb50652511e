import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { mailboxes } from '../../db/schema';
import { iso } from './iso';

/** Moves each mailbox's gap forward after its claims: the next claim, by any worker, waits for it. */
export async function setMailboxNextSendAt(tx: Tx, byMailbox: ReadonlyMap<string, Date>): Promise<void> {
  if (byMailbox.size === 0) return;
  const values = [...byMailbox].map(([id, at]) => ({ id, next_send_at: iso(at) }));
  await tx.execute(sql`
    update ${mailboxes} m set next_send_at = v.next_send_at
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id text, next_send_at timestamptz)
    where m.id = v.id`);
}

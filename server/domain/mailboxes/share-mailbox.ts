import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import {
  listMailboxShares,
  type MailboxShareEntry,
  shareMailbox as share,
  unshareMailbox as unshare,
} from './mailbox-shares';
import { loadMailboxFor } from './mailbox-writes';

type Shares = { shares: MailboxShareEntry[] };

/** Who besides the owner may send through a mailbox the actor manages. */
export async function getMailboxShares({ db }: { db: Db }, actor: Actor, id: string): Promise<Shares> {
  const row = await loadMailboxFor(db, actor, id);
  return { shares: await listMailboxShares(db, row.id) };
}

/** Lets a colleague send through a mailbox the actor manages; answers everyone it is shared with. */
export async function shareMailbox(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  id: string,
  input: { userId: string },
): Promise<Shares> {
  const row = await loadMailboxFor(db, actor, id);
  return { shares: await share(db, actor, row, input.userId, now) };
}

/** Stops sharing a mailbox with one user; answers everyone it is still shared with. */
export async function unshareMailbox(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  ids: { id: string; userId: string },
): Promise<Shares> {
  const row = await loadMailboxFor(db, actor, ids.id);
  return { shares: await unshare(db, actor, row, ids.userId, now) };
}

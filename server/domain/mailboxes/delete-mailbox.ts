import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { loadMailboxFor, unlinkMailboxRow } from './mailbox-writes';

/** Unlinks a mailbox the actor may manage: it leaves every rotation; its past emails stay, detached. */
export async function deleteMailbox({ db, now }: { db: Db; now: Date }, actor: Actor, id: string) {
  const row = await loadMailboxFor(db, actor, id);
  const result = await unlinkMailboxRow(db, row, { user: actor, now });
  return { deleted: true as const, ...result };
}

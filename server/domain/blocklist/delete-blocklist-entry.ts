import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { blocklist } from '../../db/schema';
import { recordActivity } from '../activity';
import { type Actor, assertAdmin } from '../actor';
import { notFound } from '../errors';

/** Admins only: unblocking lets sequences write to someone who may have asked not to be contacted. */
export async function deleteBlocklistEntry(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  id: string,
): Promise<void> {
  assertAdmin(actor);
  const removed = await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(blocklist)
      .where(and(eq(blocklist.teamId, actor.teamId), eq(blocklist.id, id)))
      .returning();
    if (!row) return null;
    const data = { blocklistId: row.id, kind: row.kind, value: row.value };
    await recordActivity(tx, {
      teamId: actor.teamId,
      kind: 'blocklist_removed',
      actorId: actor.id,
      data,
      at: now,
    });
    return row;
  });
  if (!removed) throw notFound('blocklist entry');
}

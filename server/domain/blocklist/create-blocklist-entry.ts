import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { newId } from '../../db/ids';
import { blocklist } from '../../db/schema';
import { recordActivity } from '../activity';
import type { Actor } from '../actor';
import { type BlocklistEntry, toBlocklistEntryDto } from './blocklist-dto';

/**
 * Any team member may block an address or a domain. Blocking what is already blocked is no error:
 * it answers the existing entry with `created: false`.
 */
export async function createBlocklistEntry(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  input: { kind: 'email' | 'domain'; value: string },
): Promise<{ entry: BlocklistEntry; created: boolean }> {
  const { kind, value } = input;
  const result = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(blocklist)
      .values({ id: newId('blk', now.getTime()), teamId: actor.teamId, kind, value, createdAt: now })
      .onConflictDoNothing({ target: [blocklist.teamId, blocklist.kind, blocklist.value] })
      .returning();
    if (inserted) {
      const data = { blocklistId: inserted.id, kind, value };
      await recordActivity(tx, {
        teamId: actor.teamId,
        kind: 'blocklist_added',
        actorId: actor.id,
        data,
        at: now,
      });
      return { row: inserted, created: true };
    }
    const [existing] = await tx
      .select()
      .from(blocklist)
      .where(and(eq(blocklist.teamId, actor.teamId), eq(blocklist.kind, kind), eq(blocklist.value, value)));
    if (!existing) throw new Error('blocklist entry vanished during insert');
    return { row: existing, created: false };
  });
  return { entry: toBlocklistEntryDto(result.row), created: result.created };
}

import { and, eq } from 'drizzle-orm';
import type { ContactList } from '../../../shared/schemas/list';
import type { Db } from '../../db/client';
import { lists } from '../../db/schema';
import type { Actor } from '../actor';
import { loadList, toListDto } from './list-queries';

/** Lists are the team's: any member may rename one, as any member may add to it. */
export async function renameList(
  { db }: { db: Db },
  actor: Actor,
  listId: string,
  input: { name: string },
): Promise<ContactList> {
  await loadList(db, actor, listId);
  await db
    .update(lists)
    .set({ name: input.name })
    .where(and(eq(lists.teamId, actor.teamId), eq(lists.id, listId)));
  return toListDto(await loadList(db, actor, listId));
}

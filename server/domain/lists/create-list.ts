import type { ContactList } from '../../../shared/schemas/list';
import type { Db } from '../../db/client';
import { newId } from '../../db/ids';
import { lists } from '../../db/schema';
import type { Actor } from '../actor';
import { toListDto } from './list-queries';

export async function createList(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  input: { name: string },
): Promise<ContactList> {
  const [row] = await db
    .insert(lists)
    .values({
      id: newId('lst', now.getTime()),
      teamId: actor.teamId,
      ownerId: actor.id,
      name: input.name,
      createdAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return toListDto({ ...row, memberCount: 0 });
}

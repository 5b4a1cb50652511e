import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { ContactList } from '../../../shared/schemas/list';
import { visibleContacts } from '../../auth/access';
import type { Db } from '../../db/client';
import { contacts, listMembers, lists } from '../../db/schema';
import type { Actor } from '../actor';
import { notFound } from '../errors';

type ListRow = typeof lists.$inferSelect;

/** Members the caller may see. Qualified by hand: drizzle leaves columns bare inside a select list. */
export function memberCount(actor: Actor) {
  return sql<number>`(select count(*)::int from ${listMembers} join ${contacts} on ${contacts}.id = ${listMembers}.contact_id where ${listMembers}.list_id = ${lists}.id and ${visibleContacts(actor)})`;
}

export const toListDto = (r: ListRow & { memberCount: number }): ContactList => ({
  id: r.id,
  name: r.name,
  ownerId: r.ownerId,
  memberCount: Number(r.memberCount),
  createdAt: r.createdAt.toISOString(),
});

/** A list of the actor's team with the count of members they may see, or 404. */
export async function loadList(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select({ ...getTableColumns(lists), memberCount: memberCount(actor) })
    .from(lists)
    .where(and(eq(lists.teamId, actor.teamId), eq(lists.id, id)));
  if (!row) throw notFound('list');
  return row;
}

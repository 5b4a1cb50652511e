import { and, asc, eq, getTableColumns, gt } from 'drizzle-orm';
import type { ContactList } from '../../../shared/schemas/list';
import type { Db } from '../../db/client';
import { lists } from '../../db/schema';
import type { Actor } from '../actor';
import { type Page, toPage } from '../page';
import { memberCount, toListDto } from './list-queries';

export async function listLists(
  { db }: { db: Db },
  actor: Actor,
  q: { limit: number; cursor?: string },
): Promise<Page<ContactList>> {
  const rows = await db
    .select({ ...getTableColumns(lists), memberCount: memberCount(actor) })
    .from(lists)
    .where(and(eq(lists.teamId, actor.teamId), q.cursor ? gt(lists.id, q.cursor) : undefined))
    .orderBy(asc(lists.id))
    .limit(q.limit + 1);
  const page = toPage(rows, q.limit);
  return { ...page, items: page.items.map(toListDto) };
}

import { and, asc, eq, getTableColumns, gt } from 'drizzle-orm';
import type { Contact } from '../../../shared/schemas/contact';
import { visibleContacts } from '../../auth/access';
import type { Db } from '../../db/client';
import { contacts, listMembers } from '../../db/schema';
import type { Actor } from '../actor';
import { toContactDto } from '../contacts/contact-dto';
import { type Page, toPage } from '../page';
import { loadList } from './list-queries';

/** The members the actor may see, as contacts ordered by id. */
export async function listListMembers(
  { db }: { db: Db },
  actor: Actor,
  listId: string,
  q: { limit: number; cursor?: string },
): Promise<Page<Contact>> {
  const list = await loadList(db, actor, listId);
  const rows = await db
    .select(getTableColumns(contacts))
    .from(listMembers)
    .innerJoin(contacts, eq(contacts.id, listMembers.contactId))
    .where(
      and(
        eq(listMembers.listId, list.id),
        visibleContacts(actor),
        q.cursor ? gt(contacts.id, q.cursor) : undefined,
      ),
    )
    .orderBy(asc(contacts.id))
    .limit(q.limit + 1);
  const page = toPage(rows, q.limit);
  return { ...page, items: page.items.map(toContactDto) };
}

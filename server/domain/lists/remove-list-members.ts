import { and, eq, inArray } from 'drizzle-orm';
import type { RemoveListMembersResult } from '../../../shared/schemas/list';
import { visibleContacts } from '../../auth/access';
import type { Db } from '../../db/client';
import { contacts, listMembers } from '../../db/schema';
import type { Actor } from '../actor';
import { loadList } from './list-queries';

/**
 * Takes contacts off a list (the contacts themselves stay). Only members the actor may see can be
 * removed: a rep cannot empty a shared list of colleagues' contacts they do not know are there.
 */
export async function removeListMembers(
  { db }: { db: Db },
  actor: Actor,
  listId: string,
  contactIds: readonly string[],
): Promise<RemoveListMembersResult> {
  const list = await loadList(db, actor, listId);
  const ids = [...new Set(contactIds)];
  const removed = new Set<string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const visible = await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(inArray(contacts.id, ids.slice(i, i + 1000)), visibleContacts(actor)));
    if (visible.length === 0) continue;
    const rows = await db
      .delete(listMembers)
      .where(
        and(
          eq(listMembers.listId, list.id),
          inArray(
            listMembers.contactId,
            visible.map((v) => v.id),
          ),
        ),
      )
      .returning({ contactId: listMembers.contactId });
    for (const r of rows) removed.add(r.contactId);
  }
  return { removed: removed.size, notMembers: ids.filter((id) => !removed.has(id)) };
}

import { and, inArray } from 'drizzle-orm';
import type { AddListMembersResult } from '../../../shared/schemas/list';
import { visibleContacts } from '../../auth/access';
import type { Db } from '../../db/client';
import { contacts, listMembers } from '../../db/schema';
import type { Actor } from '../actor';
import { loadList } from './list-queries';

/** Adds the contacts the actor may see; ids already on the list are counted, the others returned. */
export async function addListMembers(
  { db }: { db: Db },
  actor: Actor,
  listId: string,
  contactIds: readonly string[],
): Promise<AddListMembersResult> {
  const list = await loadList(db, actor, listId);
  const ids = [...new Set(contactIds)];
  const visible = new Set<string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(inArray(contacts.id, ids.slice(i, i + 1000)), visibleContacts(actor)));
    for (const r of rows) visible.add(r.id);
  }
  const toAdd = ids.filter((id) => visible.has(id));
  let added = 0;
  for (let i = 0; i < toAdd.length; i += 1000) {
    const inserted = await db
      .insert(listMembers)
      .values(toAdd.slice(i, i + 1000).map((contactId) => ({ listId: list.id, contactId })))
      .onConflictDoNothing()
      .returning({ contactId: listMembers.contactId });
    added += inserted.length;
  }
  const notFoundIds = ids.filter((id) => !visible.has(id));
  return { added, alreadyMembers: toAdd.length - added, notFound: notFoundIds };
}

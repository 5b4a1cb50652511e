import { eq, exists, getTableColumns, inArray, not, type SQL, sql } from 'drizzle-orm';
import type { Contact, ContactStatusFilter } from '../../../shared/schemas/contact';
import { visibleContacts } from '../../auth/access';
import type { Db } from '../../db/client';
import { contacts, enrollments, listMembers } from '../../db/schema';
import type { Actor } from '../actor';
import { keysetPage, mapPage } from '../keyset-page';
import type { Page } from '../page';
import { toContactDto } from './contact-dto';
import { contactMatches } from './contact-search';
import { lastHumanClickColumn, toLastHumanClick } from './last-human-click';

export interface ListContactsQuery {
  limit: number;
  cursor?: string;
  /** Exact address, case-insensitive. */
  email?: string;
  /** Search in name, email, company. */
  q?: string;
  ownerId?: string;
  stage?: string;
  accountId?: string;
  /** Members of this list. */
  listId?: string;
  /** An enrollment in this status in any sequence, or never enrolled. */
  status?: ContactStatusFilter;
  /** A batch lookup: ids the actor may not see, or that do not exist, are simply absent. */
  ids?: string[];
}

function listFilters(q: ListContactsQuery): SQL[] {
  const where: SQL[] = [];
  if (q.email !== undefined) where.push(eq(contacts.emailLower, q.email.trim().toLowerCase()));
  if (q.ownerId) where.push(eq(contacts.ownerId, q.ownerId));
  if (q.stage) where.push(eq(contacts.stage, q.stage));
  if (q.accountId) where.push(eq(contacts.accountId, q.accountId));
  // Qualified by hand: drizzle leaves columns bare inside a subquery's sql template.
  if (q.listId)
    where.push(
      exists(
        sql`(select 1 from ${listMembers} where ${listMembers}.list_id = ${q.listId} and ${listMembers}.contact_id = ${contacts}.id)`,
      ),
    );
  if (q.status === 'not_enrolled')
    where.push(
      not(exists(sql`(select 1 from ${enrollments} where ${enrollments}.contact_id = ${contacts}.id)`)),
    );
  else if (q.status)
    where.push(
      exists(
        sql`(select 1 from ${enrollments} where ${enrollments}.contact_id = ${contacts}.id and ${enrollments}.status = ${q.status})`,
      ),
    );
  if (q.ids) where.push(inArray(contacts.id, q.ids));
  if (q.q) where.push(contactMatches(q.q, { company: true }));
  return where;
}

/** Contacts the actor may see, ordered by id. */
export async function listContacts(
  { db }: { db: Db },
  actor: Actor,
  q: ListContactsQuery,
): Promise<Page<Contact>> {
  const filters = [visibleContacts(actor), ...listFilters(q)];
  // The extension looks contacts up by address on every message it opens: prepared, with the last
  // human click (the side panel shows it) as a column, that is one round trip.
  if (q.email !== undefined) {
    const select = db
      .select({ ...getTableColumns(contacts), lastHumanClick: lastHumanClickColumn })
      .from(contacts)
      .$dynamic();
    const page = await keysetPage(select, contacts.id, filters, q, 'contact_by_email');
    return mapPage(page, (row) => ({
      ...toContactDto(row),
      lastHumanClick: toLastHumanClick(row.lastHumanClick),
    }));
  }
  // Not prepared with `ids`: that statement's text grows with the list (postgres.js caches by text).
  const page = await keysetPage(
    db.select().from(contacts).$dynamic(),
    contacts.id,
    filters,
    q,
    q.ids ? undefined : 'list_contacts',
  );
  return mapPage(page, toContactDto);
}

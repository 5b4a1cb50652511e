import { and, asc, eq, gt, inArray, type SQL } from 'drizzle-orm';
import type { Contact } from '../../../shared/schemas/contact';
import { visibleContacts } from '../../auth/access';
import type { Db } from '../../db/client';
import { contacts } from '../../db/schema';
import type { Actor } from '../actor';
import { type Page, toPage } from '../page';
import { toContactDto } from './contact-dto';
import { contactMatches } from './contact-search';

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
  /** A batch lookup: ids the actor may not see, or that do not exist, are simply absent. */
  ids?: string[];
}

function listFilters(q: ListContactsQuery): SQL[] {
  const where: SQL[] = [];
  if (q.email !== undefined) where.push(eq(contacts.emailLower, q.email.trim().toLowerCase()));
  if (q.ownerId) where.push(eq(contacts.ownerId, q.ownerId));
  if (q.stage) where.push(eq(contacts.stage, q.stage));
  if (q.accountId) where.push(eq(contacts.accountId, q.accountId));
  if (q.ids) where.push(inArray(contacts.id, q.ids));
  if (q.cursor) where.push(gt(contacts.id, q.cursor));
  if (q.q) where.push(contactMatches(q.q, { company: true }));
  return where;
}

/** Contacts the actor may see, ordered by id. */
export async function listContacts(
  { db }: { db: Db },
  actor: Actor,
  q: ListContactsQuery,
): Promise<Page<Contact>> {
  const rows = await db
    .select()
    .from(contacts)
    .where(and(visibleContacts(actor), ...listFilters(q)))
    .orderBy(asc(contacts.id))
    .limit(q.limit + 1);
  const page = toPage(rows, q.limit);
  return { ...page, items: page.items.map(toContactDto) };
}

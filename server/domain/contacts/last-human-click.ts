import { sql } from 'drizzle-orm';
import type { Contact } from '../../../shared/schemas/contact';
import { contacts, emails, trackingEvents } from '../../db/schema';

export type LastHumanClick = NonNullable<Contact['lastHumanClick']>;

/**
 * A column for a select from contacts: the contact's latest click that looked human, as
 * `{ at, url }` JSON or null (through the emails' contact index and the events' (email, at) index).
 * The side panel shows it; bots are left out by the same `human` flag the reports count. A column of
 * the contact lookup itself rather than a second query: the extension asks on every message it opens.
 */
// Qualified by hand: drizzle leaves columns bare inside a subquery's sql template.
export const lastHumanClickColumn = sql<{ at: string; url: string | null } | null>`(
  select json_build_object('at', t.at, 'url', t.url)
  from ${trackingEvents} as t inner join ${emails} as e on e.id = t.email_id
  where e.contact_id = ${contacts}.id and t.kind = 'click' and t.human = true and t.url is not null
  order by t.at desc limit 1
)`;

/** The column's JSON as the API shows it. */
export function toLastHumanClick(json: { at: string; url: string | null } | null): LastHumanClick | null {
  return json ? { at: new Date(json.at).toISOString(), url: json.url ?? '' } : null;
}

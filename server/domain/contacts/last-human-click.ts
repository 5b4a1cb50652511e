import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Contact } from '../../../shared/schemas/contact';
import type { Db } from '../../db/client';
import { emails, trackingEvents } from '../../db/schema';

export type LastHumanClick = NonNullable<Contact['lastHumanClick']>;

/**
 * Each contact's latest click that looked human, in one query (DISTINCT ON through the emails'
 * contact index and the events' (email, at) index). The side panel shows it; bots are left out by
 * the same `human` flag the reports count.
 */
export async function lastHumanClicks(db: Db, contactIds: string[]): Promise<Map<string, LastHumanClick>> {
  if (contactIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([emails.contactId], {
      contactId: emails.contactId,
      at: trackingEvents.at,
      url: trackingEvents.url,
    })
    .from(trackingEvents)
    .innerJoin(emails, eq(emails.id, trackingEvents.emailId))
    .where(
      and(
        inArray(emails.contactId, contactIds),
        eq(trackingEvents.kind, 'click'),
        eq(trackingEvents.human, true),
        sql`${trackingEvents.url} is not null`,
      ),
    )
    .orderBy(emails.contactId, desc(trackingEvents.at));
  return new Map(rows.map((r) => [r.contactId, { at: r.at.toISOString(), url: r.url ?? '' }]));
}

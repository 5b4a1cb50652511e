import type { TimelineItem } from '../../../shared/schemas/timeline';
import { loadContactFor } from '../../auth/access';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { type HistoryQuery, loadHistory } from '../history/load-history';
import type { Page } from '../page';

export type TimelineQuery = HistoryQuery;

/** Everything that happened to a contact the actor may see, newest first. */
export async function getContactTimeline(
  { db }: { db: Db },
  actor: Actor,
  contactId: string,
  q: TimelineQuery,
): Promise<Page<TimelineItem>> {
  const contact = await loadContactFor(db, actor, contactId);
  return loadHistory(db, { teamId: contact.teamId, contactId: contact.id }, q);
}

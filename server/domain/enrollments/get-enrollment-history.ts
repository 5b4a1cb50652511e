import type { TimelineItem } from '../../../shared/schemas/timeline';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { type HistoryQuery, loadHistory } from '../history/load-history';
import type { Page } from '../page';
import { loadEnrollmentFor } from './access';

/**
 * One enrollment's history, newest first: enrolled, sent, which message finished or paused it and
 * where it was seen (`data.seenIn`), the engagement rules that acted. Visible as the enrollment is.
 */
export async function getEnrollmentHistory(
  { db }: { db: Db },
  actor: Actor,
  enrollmentId: string,
  q: HistoryQuery,
): Promise<Page<TimelineItem>> {
  const e = await loadEnrollmentFor(db, actor, enrollmentId, 'view');
  return loadHistory(db, { teamId: e.teamId, enrollmentId: e.id }, q);
}

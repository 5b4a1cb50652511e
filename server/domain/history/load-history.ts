import { and, desc, eq, lt } from 'drizzle-orm';
import type { ActivityKind } from '../../../shared/enums';
import type { TimelineItem } from '../../../shared/schemas/timeline';
import type { Db } from '../../db/client';
import { activities, emails, enrollments, sequences, users } from '../../db/schema';
import { type Page, toPage } from '../page';

export interface HistoryQuery {
  limit: number;
  /** The id of the last item of the previous page: the page goes on with older ones. */
  cursor?: string | undefined;
}

/** Whose history: a contact's (the timeline) or one enrollment's; always within one team. */
export type HistoryOf = { teamId: string } & ({ contactId: string } | { enrollmentId: string });

/**
 * History entries newest first, from the append-only activities (which survive finish and remove),
 * with the email each concerns (its status and reason now), the sequence and who acted. Activity ids
 * sort by time, so the id alone is the keyset: a page never repeats or skips an item when new history
 * arrives while the rep reads. The caller checks access first.
 */
export async function loadHistory(db: Db, of: HistoryOf, q: HistoryQuery): Promise<Page<TimelineItem>> {
  const rows = await db
    .select({
      id: activities.id,
      kind: activities.kind,
      at: activities.createdAt,
      data: activities.data,
      enrollmentId: activities.enrollmentId,
      actorId: users.id,
      actorName: users.name,
      sequenceId: sequences.id,
      sequenceName: sequences.name,
      emailId: emails.id,
      emailSubject: emails.subject,
      emailStatus: emails.status,
      emailReason: emails.reason,
      emailDetail: emails.detail,
    })
    .from(activities)
    .leftJoin(users, eq(users.id, activities.actorId))
    .leftJoin(enrollments, eq(enrollments.id, activities.enrollmentId))
    .leftJoin(sequences, eq(sequences.id, enrollments.sequenceId))
    .leftJoin(emails, eq(emails.id, activities.emailId))
    .where(
      and(
        eq(activities.teamId, of.teamId),
        'contactId' in of
          ? eq(activities.contactId, of.contactId)
          : eq(activities.enrollmentId, of.enrollmentId),
        q.cursor ? lt(activities.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(activities.id))
    .limit(q.limit + 1);
  const page = toPage(rows, q.limit);
  return {
    ...page,
    items: page.items.map(
      (r): TimelineItem => ({
        id: r.id,
        kind: r.kind as ActivityKind,
        at: r.at.toISOString(),
        actor: r.actorId ? { id: r.actorId, name: r.actorName ?? '' } : null,
        enrollmentId: r.enrollmentId,
        sequence: r.sequenceId ? { id: r.sequenceId, name: r.sequenceName ?? '' } : null,
        email: r.emailId
          ? {
              id: r.emailId,
              subject: r.emailSubject,
              status: r.emailStatus ?? 'scheduled',
              reason: r.emailReason,
              detail: r.emailDetail,
            }
          : null,
        data: r.data,
      }),
    ),
  };
}

import { inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { enrollments } from '../../db/schema';
import { LIVE_ENROLLMENT_STATUSES, unsubscribeContact } from '../deliverability/unsubscribe-contact';

/**
 * Existing contacts a file marks opted out: their live enrollments finish as `unsubscribed`, as an
 * unsubscribe link would. One query finds the few that have any; only those take the per-contact path.
 */
export async function finishUnsubscribedEnrollments(tx: Tx, teamId: string, contactIds: string[], now: Date) {
  for (let i = 0; i < contactIds.length; i += 1000) {
    const live = await tx
      .selectDistinct({ contactId: enrollments.contactId })
      .from(enrollments)
      .where(
        sql`${inArray(enrollments.contactId, contactIds.slice(i, i + 1000))} and ${inArray(enrollments.status, [...LIVE_ENROLLMENT_STATUSES])}`,
      );
    for (const { contactId } of live) {
      await unsubscribeContact(tx, {
        teamId,
        contactId,
        source: 'link',
        detail: 'marked opted out in an imported file',
        now,
      });
    }
  }
}

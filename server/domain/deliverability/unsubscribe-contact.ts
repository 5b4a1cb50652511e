import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { contacts, enrollments } from '../../db/schema';
import { recordActivity } from '../activity';
import { finishEnrollmentRow } from '../enrollments/lifecycle';

/** Enrollments an unsubscribe ends: anything that could still send or be resumed into sending. */
export const LIVE_ENROLLMENT_STATUSES = ['active', 'scheduled', 'paused', 'not_sent'] as const;

export interface UnsubscribeInput {
  teamId: string;
  contactId: string;
  /** The email whose link (or complaint) caused it. */
  emailId?: string | null;
  source: 'link' | 'spam_complaint';
  detail?: string;
  now: Date;
}

export interface UnsubscribeResult {
  /** False when the contact had already unsubscribed (the first date is kept). */
  newlyUnsubscribed: boolean;
  enrollmentsFinished: string[];
}

/**
 * Marks the contact unsubscribed (the send guard refuses later sends as `unsubscribed`) and
 * finishes every live enrollment with reason `unsubscribed`. Safe to repeat: the first date stays,
 * and a second call finds nothing live to finish. The contact row is locked first, so two
 * deliveries of the same unsubscribe cannot both try to finish the same enrollments.
 */
export async function unsubscribeContact(tx: Tx, input: UnsubscribeInput): Promise<UnsubscribeResult> {
  const [contact] = await tx
    .select({ id: contacts.id, unsubscribedAt: contacts.unsubscribedAt })
    .from(contacts)
    .where(and(eq(contacts.id, input.contactId), eq(contacts.teamId, input.teamId)))
    .for('update');
  if (!contact) return { newlyUnsubscribed: false, enrollmentsFinished: [] };
  const newlyUnsubscribed = contact.unsubscribedAt === null;
  if (newlyUnsubscribed) {
    await tx
      .update(contacts)
      .set({ unsubscribedAt: input.now, updatedAt: input.now })
      .where(eq(contacts.id, contact.id));
    await recordActivity(tx, {
      teamId: input.teamId,
      kind: 'contact.unsubscribed',
      contactId: contact.id,
      emailId: input.emailId ?? null,
      data: { source: input.source, ...(input.detail && { detail: input.detail }) },
      at: input.now,
    });
  }
  const live = await tx
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(
      and(eq(enrollments.contactId, contact.id), inArray(enrollments.status, [...LIVE_ENROLLMENT_STATUSES])),
    )
    .orderBy(enrollments.id)
    .for('update');
  for (const { id } of live) {
    await finishEnrollmentRow(tx, id, { now: input.now, actorId: null, reason: 'unsubscribed' });
  }
  return { newlyUnsubscribed, enrollmentsFinished: live.map((e) => e.id) };
}

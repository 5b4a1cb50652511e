import { and, asc, desc, eq, inArray, lte } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { runPrepared } from '../../db/prepared';
import { contacts, emails, enrollments, sequences, steps } from '../../db/schema';
import type { ClaimedEmail, DueRow } from '../claim-types';

/**
 * Due emails in claim order, locked (SKIP LOCKED, so workers never wait on each other). Only the
 * columns the claim uses are read: this runs for every batch, and mapping whole rows cost more than
 * finding them. Run it after preferKeyedPlans, which makes it walk the due index and stop at `limit`.
 */
export function selectDue(tx: Tx, now: Date, limit: number) {
  return tx
    .select({
      email: {
        id: emails.id,
        teamId: emails.teamId,
        enrollmentId: emails.enrollmentId,
        contactId: emails.contactId,
        stepId: emails.stepId,
        mailboxId: emails.mailboxId,
        subject: emails.subject,
        messageId: emails.messageId,
        threadId: emails.threadId,
        inReplyTo: emails.inReplyTo,
        references: emails.references,
        bodyOverride: emails.bodyOverride,
        variantId: emails.variantId,
        forceSend: emails.forceSend,
        scheduledAt: emails.scheduledAt,
        dueAt: emails.dueAt,
        attempts: emails.attempts,
        waitingFor: emails.waitingFor,
      } satisfies Record<keyof ClaimedEmail, unknown>,
      enrollment: {
        id: enrollments.id,
        userId: enrollments.userId,
        sequenceId: enrollments.sequenceId,
        mailboxIds: enrollments.mailboxIds,
      },
      schedule: sequences.schedule,
      timezone: contacts.timezone,
      contactEmail: contacts.email,
    })
    .from(emails)
    .innerJoin(enrollments, eq(enrollments.id, emails.enrollmentId))
    .innerJoin(sequences, eq(sequences.id, enrollments.sequenceId))
    .innerJoin(steps, eq(steps.id, emails.stepId))
    .innerJoin(contacts, eq(contacts.id, emails.contactId))
    .where(
      and(
        eq(emails.status, 'scheduled'),
        lte(emails.dueAt, now),
        inArray(enrollments.status, ['active', 'scheduled']),
        eq(sequences.active, true),
        eq(steps.active, true),
      ),
    )
    .orderBy(asc(emails.dueAt), desc(emails.prospectScore))
    .limit(limit)
    .for('update', { of: emails, skipLocked: true });
}

/** The plain row type the decisions read is exactly what this query returns. */
type Selected = Awaited<ReturnType<typeof selectDue>>[number];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const rowTypesMatch: Same<Selected, DueRow> = true;
void rowTypesMatch;

/** The due emails, locked, as the plain rows the decisions read. */
export async function selectDueEmails(tx: Tx, now: Date, limit: number): Promise<DueRow[]> {
  return runPrepared(selectDue(tx, now, limit), 'scheduler_select_due');
}

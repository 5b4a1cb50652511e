import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { EnrollmentStatus } from '../../../shared/enums';
import type { Db, Tx } from '../../db/client';
import {
  activities,
  bouncedAddresses,
  contacts,
  emails,
  enrollments,
  observedMessages,
} from '../../db/schema';
import type { WebhookEvent } from '../../providers/webhooks';
import { recordActivity } from '../activity';
import { unsubscribeContact } from './unsubscribe-contact';

export type EventSource = 'sendgrid' | 'mailgun';

export interface CorrelatedEvent extends WebhookEvent {
  /** The Message-ID the provider reports, for mail whose correlation id did not come back. */
  messageId: string | null;
}

export type EventOutcome = 'applied' | 'unchanged' | 'duplicate' | 'unmatched' | 'ignored';

type EmailRow = typeof emails.$inferSelect;

/** Email states a provider can still overturn: it accepted the message (or we are recording that). */
const DELIVERABLE = ['sending', 'sent', 'unknown'] as const;
const RUNNING: readonly EnrollmentStatus[] = ['active', 'scheduled', 'paused'];

async function findEmail(
  tx: Tx,
  teamId: string,
  mailboxId: string,
  event: CorrelatedEvent,
): Promise<EmailRow | undefined> {
  let where: SQL | undefined;
  if (event.emailId) where = eq(emails.id, event.emailId);
  else if (event.messageId) {
    const bare = event.messageId.trim().replace(/^<|>$/g, '');
    where = inArray(emails.messageId, [`<${bare}>`, bare]);
  }
  if (!where) return undefined;
  const [row] = await tx
    .select()
    .from(emails)
    // Only mail sent through the mailbox whose key signed the event: a key holder of one mailbox
    // must not bounce or unsubscribe through another's.
    .where(and(where, eq(emails.teamId, teamId), eq(emails.mailboxId, mailboxId)))
    .limit(1)
    .for('update');
  return row;
}

/** A redelivered event (same provider event id) is recognised and changes nothing. */
async function firstDelivery(
  tx: Tx,
  teamId: string,
  source: EventSource,
  event: CorrelatedEvent,
  email: EmailRow,
) {
  if (!event.eventId) return true;
  const inserted = await tx
    .insert(observedMessages)
    .values({
      teamId,
      messageKey: `${source}-event:${event.eventId}`.slice(0, 300),
      enrollmentId: email.enrollmentId,
      kind: `${source}_event`,
    })
    .onConflictDoNothing()
    .returning({ key: observedMessages.messageKey });
  return inserted.length > 0;
}

async function alreadyRecorded(tx: Tx, emailId: string, kind: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: activities.id })
    .from(activities)
    .where(and(eq(activities.emailId, emailId), eq(activities.kind, kind)))
    .limit(1);
  return row !== undefined;
}

async function setEnrollment(
  tx: Tx,
  email: EmailRow,
  status: 'not_sent' | 'bounced',
  from: readonly EnrollmentStatus[],
  now: Date,
) {
  if (!email.enrollmentId) return;
  await tx
    .update(enrollments)
    .set({ status, updatedAt: now })
    .where(and(eq(enrollments.id, email.enrollmentId), inArray(enrollments.status, [...from])));
}

async function applyToEmail(
  tx: Tx,
  source: EventSource,
  event: CorrelatedEvent,
  email: EmailRow,
  now: Date,
): Promise<EventOutcome> {
  const base = {
    teamId: email.teamId,
    contactId: email.contactId,
    enrollmentId: email.enrollmentId,
    emailId: email.id,
    at: now,
  };
  // seenIn: where the event came from, as replies say `page` or `sync`, for the enrollment's history.
  const about = {
    source,
    providerEvent: event.providerEvent,
    eventId: event.eventId,
    seenIn: { via: 'webhook' as const, source },
  };
  switch (event.kind) {
    case 'dropped':
    case 'blocked': {
      if (!(DELIVERABLE as readonly string[]).includes(email.status)) return 'unchanged';
      const reason = event.reason ?? 'other';
      await tx
        .update(emails)
        .set({
          status: 'not_sent',
          reason,
          detail: event.detail,
          leaseUntil: null,
          updatedAt: now,
        })
        .where(eq(emails.id, email.id));
      await setEnrollment(tx, email, 'not_sent', RUNNING, now);
      await recordActivity(tx, {
        ...base,
        kind: 'email.not_sent',
        data: { reasons: [reason], detail: event.detail, ...about },
      });
      return 'applied';
    }
    case 'bounce': {
      if (!([...DELIVERABLE, 'not_sent'] as readonly string[]).includes(email.status)) return 'unchanged';
      await tx
        .update(emails)
        .set({
          status: 'bounced',
          reason: null,
          detail: event.detail,
          leaseUntil: null,
          updatedAt: now,
        })
        .where(eq(emails.id, email.id));
      await setEnrollment(tx, email, 'bounced', [...RUNNING, 'not_sent'], now);
      const [contact] = await tx
        .select({ bouncedAt: contacts.bouncedAt, emailLower: contacts.emailLower })
        .from(contacts)
        .where(eq(contacts.id, email.contactId));
      if (contact && contact.bouncedAt === null) {
        await tx
          .update(contacts)
          .set({ bouncedAt: now, updatedAt: now })
          .where(eq(contacts.id, email.contactId));
      }
      const address = contact?.emailLower ?? event.address?.toLowerCase();
      if (address) {
        await tx
          .insert(bouncedAddresses)
          .values({ teamId: email.teamId, address, detail: event.detail, createdAt: now })
          .onConflictDoNothing();
      }
      await recordActivity(tx, { ...base, kind: 'email.bounced', data: { detail: event.detail, ...about } });
      return 'applied';
    }
    case 'spam_complaint': {
      // The seeds' "Complained": the recipient asked not to hear from us, so it is an unsubscribe.
      if (await alreadyRecorded(tx, email.id, 'email.spam_complaint')) return 'unchanged';
      const result = await unsubscribeContact(tx, {
        teamId: email.teamId,
        contactId: email.contactId,
        emailId: email.id,
        source: 'spam_complaint',
        detail: event.detail,
        now,
      });
      await recordActivity(tx, {
        ...base,
        kind: 'email.spam_complaint',
        data: { detail: event.detail, enrollmentsFinished: result.enrollmentsFinished, ...about },
      });
      return 'applied';
    }
    case 'delivered': {
      if (await alreadyRecorded(tx, email.id, 'email.delivered')) return 'unchanged';
      await recordActivity(tx, {
        ...base,
        kind: 'email.delivered',
        data: { detail: event.detail, ...about },
      });
      return 'applied';
    }
    case 'other':
      return 'ignored';
  }
}

/**
 * Applies verified provider events for one mailbox's team, each in its own short transaction (a
 * batch from SendGrid can hold thousands; one bad row must not undo the rest, and the provider's
 * retry is harmless because every event is idempotent). Mail not sent through this mailbox is left alone:
 * the provider account may carry other mail than ours, and another team's rows are not ours to touch.
 */
export async function applyProviderEvents(
  db: Db,
  input: { teamId: string; mailboxId: string; source: EventSource; events: CorrelatedEvent[]; now: Date },
): Promise<Record<EventOutcome, number>> {
  const counts: Record<EventOutcome, number> = {
    applied: 0,
    unchanged: 0,
    duplicate: 0,
    unmatched: 0,
    ignored: 0,
  };
  for (const event of input.events) {
    if (event.kind === 'other') {
      counts.ignored += 1;
      continue;
    }
    const outcome = await db.transaction(async (tx) => {
      const email = await findEmail(tx, input.teamId, input.mailboxId, event);
      if (!email) return 'unmatched' as const;
      if (!(await firstDelivery(tx, input.teamId, input.source, event, email))) return 'duplicate' as const;
      return applyToEmail(tx, input.source, event, email, input.now);
    });
    counts[outcome] += 1;
  }
  return counts;
}

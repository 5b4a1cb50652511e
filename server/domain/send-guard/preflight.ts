import { and, eq } from 'drizzle-orm';
import type { PreflightResult } from '../../../shared/schemas/email';
import { evaluateSendGuards } from '../../../shared/send-guard/engine';
import { ownerWait } from '../../../shared/send-guard/owner-wait';
import { waitingCatalog } from '../../../shared/send-guard/waiting-catalog';
import { loadSequenceFor, visibleContacts } from '../../auth/access';
import type { Db } from '../../db/client';
import { runPrepared } from '../../db/prepared';
import { contacts, emails, enrollments, mailboxes, steps } from '../../db/schema';
import type { Actor } from '../actor';
import { notFound } from '../errors';
import { usableMailboxes } from '../mailboxes/mailbox-access';
import { contactColumns, loadSnapshots } from './load-snapshots';
import { preflightSequenceMailbox } from './preflight-mailbox';

export interface PreflightInput {
  contactId?: string | undefined;
  email?: string | undefined;
  mailboxId?: string | undefined;
  sequenceId?: string | undefined;
  stepId?: string | undefined;
  subject?: string | undefined;
  body?: string | undefined;
}

/**
 * What would block this send now: the same snapshot loader and engine the scheduler uses. Without a
 * sequence it is a one-off email the rep writes in their own mail client, so the mailbox is the
 * client itself and cannot be missing; with a sequence, the mailbox the scheduler would use (the
 * enrollment's, or the caller's for a contact not enrolled yet) must exist and be active.
 */
export async function runPreflight(
  db: Db,
  user: Actor,
  input: PreflightInput,
  now: Date,
): Promise<PreflightResult> {
  // The columns the snapshot reads, so loadSnapshots need not read the contact again; prepared, as
  // the compose bar asks on every recipient change.
  const [contact] = await runPrepared(
    db
      .select(contactColumns)
      .from(contacts)
      .where(
        and(
          visibleContacts(user),
          input.contactId
            ? eq(contacts.id, input.contactId)
            : eq(contacts.emailLower, (input.email ?? '').toLowerCase()),
        ),
      )
      .limit(1),
    'preflight_contact',
  );
  if (!contact && input.contactId) throw notFound('contact');

  if (input.sequenceId) await loadSequenceFor(db, user, input.sequenceId, 'view');
  let stepId = input.stepId;
  if (stepId && input.sequenceId) {
    const [step] = await db
      .select({ id: steps.id })
      .from(steps)
      .where(and(eq(steps.id, stepId), eq(steps.sequenceId, input.sequenceId)));
    if (!step) throw notFound('step');
  } else if (stepId) {
    stepId = undefined;
  }

  let mailboxId: string | null = null;
  if (input.mailboxId) {
    const [box] = await db
      .select({ id: mailboxes.id })
      .from(mailboxes)
      .where(and(eq(mailboxes.id, input.mailboxId), usableMailboxes(user)));
    if (!box) throw notFound('mailbox');
    mailboxId = box.id;
  } else if (input.sequenceId) {
    mailboxId = await preflightSequenceMailbox(db, user, contact?.id ?? null, input.sequenceId);
  }

  let thread: { previousMessageId: string | null; threadId: string | null } | null = null;
  if (contact && input.sequenceId && stepId) {
    const [pending] = await db
      .select({ inReplyTo: emails.inReplyTo, threadId: emails.threadId })
      .from(emails)
      .innerJoin(enrollments, eq(enrollments.id, emails.enrollmentId))
      .where(
        and(
          eq(enrollments.contactId, contact.id),
          eq(enrollments.sequenceId, input.sequenceId),
          eq(emails.stepId, stepId),
        ),
      );
    if (pending) thread = { previousMessageId: pending.inReplyTo, threadId: pending.threadId };
  }

  const hasDraft = input.subject !== undefined || input.body !== undefined;
  const snapshots = await loadSnapshots(
    db,
    [
      {
        key: 'preflight',
        teamId: user.teamId,
        contactId: contact?.id ?? '',
        adHocEmail: contact ? null : (input.email ?? null),
        actingUserId: user.id,
        mailboxId,
        sequenceId: input.sequenceId ?? null,
        stepId: stepId ?? null,
        draft: hasDraft ? { subject: input.subject ?? null, body: input.body ?? null } : null,
        thread,
        withEnrollments: true,
      },
    ],
    { contacts: contact ? [contact] : [] },
  );
  const snapshot = snapshots.get('preflight');
  if (!snapshot) throw notFound('contact');
  if (!input.sequenceId && !input.mailboxId) {
    snapshot.mailbox = { id: 'mail-client', status: 'active', inactiveReason: null, signature: null };
  }
  const verdict = evaluateSendGuards(snapshot, { now });
  // A sequence email is not attempted while its owner is deactivated; a one-off email the rep writes
  // in their own mail client is theirs to send whoever owns the contact.
  const owner = input.sequenceId ? ownerWait(snapshot) : null;
  if (!owner) return verdict;
  const { message, resolution } = waitingCatalog.owner_inactive;
  return {
    ok: false,
    reasons: verdict.reasons,
    waitingFor: owner.waitingFor,
    waiting: { code: owner.waitingFor, message, resolution, detail: `owner ${owner.detail} is deactivated` },
  };
}

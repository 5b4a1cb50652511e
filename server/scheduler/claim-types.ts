import type { SendSnapshot } from '../../shared/send-guard/snapshot';
import type { WaitingFor } from '../../shared/send-guard/waiting-catalog';
import type { ProviderError, SendResult } from '../providers/provider';
import type { MailboxForSend } from './scheduler-config';

/*
 * The rows the scheduler's SQL returns and its decisions read, as plain types: the decisions import
 * these, never the database schema (sql/select-due-emails checks they match the columns).
 */

/** The columns of a claimed email that the claim, dispatch and recording read. */
export interface ClaimedEmail {
  id: string;
  teamId: string;
  enrollmentId: string | null;
  contactId: string;
  stepId: string | null;
  mailboxId: string | null;
  subject: string | null;
  messageId: string | null;
  threadId: string | null;
  inReplyTo: string | null;
  references: string[] | null;
  bodyOverride: string | null;
  /** The A/B variant fixed when the email was planned; its text replaces the step's. */
  variantId: string | null;
  forceSend: boolean;
  scheduledAt: Date | null;
  dueAt: Date | null;
  attempts: number;
  /** Why it waited before this claim: `mailbox_capacity` means it already holds a place in a queue. */
  waitingFor: WaitingFor | null;
}

/** A due email as the claim reads it: the email, its enrollment, its schedule and its recipient. */
export interface DueRow {
  email: ClaimedEmail;
  enrollment: { id: string; userId: string; sequenceId: string; mailboxIds: string[] };
  schedule: unknown;
  timezone: string | null;
  contactEmail: string | null;
}

/** One email this worker now owns (status `sending`, lease held) and must dispatch. */
export interface ClaimedSend {
  email: ClaimedEmail;
  attemptId: string;
  teamId: string;
  enrollmentId: string;
  snapshot: SendSnapshot;
  mailbox: MailboxForSend;
}

/** What the recording of an outcome needs of a claim: who owns it, under which attempt. */
export type Guarded = Pick<ClaimedSend, 'email' | 'attemptId' | 'teamId' | 'enrollmentId'>;

export type SendOutcome =
  /** `subject` as rendered and sent: stored on the row so the thread's follow-ups answer it. */
  | { claim: ClaimedSend; ok: true; result: SendResult; subject: string }
  | { claim: ClaimedSend; ok: false; error: ProviderError | Error };

/** An email that stays queued: moved to the next window (a new slot) or waiting for mailbox room. */
export interface Deferral {
  id: string;
  dueAt: Date;
  /** The new slot when it moves to another window; null keeps the slot (lateness is measured from it). */
  scheduledAt: Date | null;
  waitingFor: 'window' | 'mailbox_capacity' | 'owner_inactive';
  /** The limit or calendar rule behind the wait (min_gap, ramp_up, holiday…); null for a plain window. */
  waitReason: string | null;
  waitDetail: string | null;
}

/** An email the guards refused: it and its enrollment become not_sent, with every reason recorded. */
export interface Refusal {
  id: string;
  teamId: string;
  contactId: string;
  enrollmentId: string;
  mailboxId: string | null;
  reasons: string[];
  detail: string;
}

import { type EnrollmentWarningCode, enrollmentWarningCodeSchema } from '../schemas/enrollment';
import type { NotSentCode } from '../schemas/not-sent-code';

/** Where the fix lives, so the UI can group reasons and point the rep at the right screen. */
export type ReasonKind = 'compliance' | 'data' | 'setting' | 'mailbox' | 'sequence' | 'provider';

export interface NotSentEntry {
  /** Short title for filters and badges. */
  readonly label: string;
  /** One sentence: what happened. */
  readonly message: string;
  /** What the rep can do about it. */
  readonly resolution: string;
  /** `force` on retry bypasses it (API.md: stage, bounce, unverified and job-change protection only). */
  readonly forceable: boolean;
  /** The send guard can predict it before sending; false for outcomes only a provider reports. */
  readonly checkedBeforeSend: boolean;
  readonly kind: ReasonKind;
}

/*
 * The key order is the order reasons are shown in: hard stops the rep cannot override first, then
 * data the rep can fix, then ruleset decisions, then the mailbox, then provider outcomes. Typed as a
 * full record so a code added to notSentCodes without an entry fails to compile.
 */
export const notSentCatalog = {
  unsubscribed: {
    label: 'Unsubscribed',
    message: 'This contact opted out of emails from your team.',
    resolution: 'Leave them out of outreach; only the contact can opt back in by writing to you.',
    forceable: false,
    checkedBeforeSend: true,
    kind: 'compliance',
  },
  person_blocked: {
    label: 'Person blocked',
    message: "This contact's email address is on your team's blocklist.",
    resolution: 'Ask an admin to remove the address from the blocklist if emailing them is now allowed.',
    forceable: false,
    checkedBeforeSend: true,
    kind: 'compliance',
  },
  company_blocked: {
    label: 'Company blocked',
    message: "This contact's company domain is on your team's blocklist.",
    resolution: 'Ask an admin to remove the domain from the blocklist, or reach this company another way.',
    forceable: false,
    checkedBeforeSend: true,
    kind: 'compliance',
  },
  gdpr_location_blocked: {
    label: 'GDPR location blocked',
    message: 'The ruleset forbids emailing people located in the EU/EEA, and this contact is there.',
    resolution:
      'Remove the contact from the sequence, or have an admin change the GDPR setting of the ruleset.',
    forceable: false,
    checkedBeforeSend: true,
    kind: 'compliance',
  },
  email_missing_or_invalid: {
    label: 'Email missing or invalid',
    message: 'The contact has no email address we can send to, or it is malformed or failed verification.',
    resolution: "Correct the email address on the contact's record, then retry.",
    forceable: false,
    checkedBeforeSend: true,
    kind: 'data',
  },
  likely_to_bounce: {
    label: 'Likely to bounce',
    message: 'Mail to this address has bounced before, so bounce protection held this email back.',
    resolution:
      'Check the address; if you are sure it works now, retry with force send or turn off bounce protection.',
    forceable: true,
    checkedBeforeSend: true,
    kind: 'setting',
  },
  unverified_email: {
    label: 'Unverified email',
    message: 'This would be the first email to an address nobody has verified, so it was held back.',
    resolution: 'Verify the address, or retry with force send if you trust it.',
    forceable: true,
    checkedBeforeSend: true,
    kind: 'setting',
  },
  blocked_contact_stage: {
    label: 'Blocked contact stage',
    message: "The contact's stage is one the sequence's ruleset does not email.",
    resolution:
      'Move the contact to another stage, take the stage out of the ruleset, or retry with force send.',
    forceable: true,
    checkedBeforeSend: true,
    kind: 'setting',
  },
  blocked_account_stage: {
    label: 'Blocked account stage',
    message: "The contact's account is in a stage the sequence's ruleset does not email.",
    resolution:
      'Move the account to another stage, take the stage out of the ruleset, or retry with force send.',
    forceable: true,
    checkedBeforeSend: true,
    kind: 'setting',
  },
  same_account_replied: {
    label: 'Same account replied',
    message: 'Someone else at this account has already replied, and the ruleset stops further emails then.',
    resolution:
      'Coordinate with the conversation under way, or set the ruleset to keep sending after such replies.',
    forceable: false,
    checkedBeforeSend: true,
    kind: 'setting',
  },
  not_owned_by_user: {
    label: 'Not owned by you',
    message: 'Another user owns this contact or account, and the ruleset only lets owners email them.',
    resolution: 'Have the contact reassigned to you, or ask an admin to relax the ownership rule.',
    forceable: false,
    checkedBeforeSend: true,
    kind: 'setting',
  },
  job_change_detected: {
    label: 'Job change detected',
    message: 'The contact appears to have changed jobs, so the email may rest on outdated details.',
    resolution: "Update the contact's company and title; if the email still fits, retry with force send.",
    forceable: true,
    checkedBeforeSend: true,
    kind: 'data',
  },
  already_sent_step: {
    label: 'Step already sent',
    message: 'This step of the sequence has already been emailed to this contact.',
    resolution: 'Nothing to do; to repeat a step, clone the sequence and enroll the contact there.',
    forceable: false,
    checkedBeforeSend: true,
    kind: 'sequence',
  },
  no_send_from_mailbox: {
    label: 'No send-from mailbox',
    message: 'No mailbox is assigned to send this email.',
    resolution: 'Pick a mailbox for the enrollment or sequence, then retry.',
    forceable: false,
    checkedBeforeSend: true,
    kind: 'mailbox',
  },
  mailbox_inactive: {
    label: 'Mailbox inactive',
    message: 'The mailbox chosen to send this email is disconnected or disabled.',
    resolution:
      'Reconnect the mailbox in settings, or switch the enrollment to a working mailbox, then retry.',
    forceable: false,
    checkedBeforeSend: true,
    kind: 'mailbox',
  },
  missing_thread_info: {
    label: 'Missing thread info',
    message: 'This step replies in an earlier thread, but that earlier message cannot be found.',
    resolution: 'Send this one as a manual email, or switch the step to start a new thread.',
    forceable: false,
    checkedBeforeSend: true,
    kind: 'data',
  },
  missing_dynamic_variable: {
    label: 'Missing dynamic variable',
    message: 'The email uses a variable that has no value for this contact and no fallback.',
    resolution:
      'Fill in the field on the contact, or give the variable a fallback like {{firstName | "there"}}.',
    forceable: false,
    checkedBeforeSend: true,
    kind: 'data',
  },
  missing_snippet: {
    label: 'Missing snippet',
    message: 'The email includes a snippet that does not exist or refers back to itself.',
    resolution: 'Create the snippet, fix its name in the template, or break the loop between snippets.',
    forceable: false,
    checkedBeforeSend: true,
    kind: 'data',
  },
  personalized_opener_missing: {
    label: 'Personalized opener missing',
    message: 'The email starts with a personalized opener, but none was written for this contact.',
    resolution: 'Write or regenerate the opener for this contact, or give it a fallback, then retry.',
    forceable: false,
    checkedBeforeSend: true,
    kind: 'data',
  },
  email_service_provider_error: {
    label: 'Email provider error',
    message: 'The sending service refused the email; its own explanation is kept in the details.',
    resolution: "Read the provider's message in the details, fix the cause, then retry.",
    forceable: false,
    checkedBeforeSend: false,
    kind: 'provider',
  },
  sendgrid_dropped: {
    label: 'SendGrid dropped',
    message: 'SendGrid accepted the email but chose not to deliver it.',
    resolution:
      "Look the address up in SendGrid's suppressions and activity feed, clear it if appropriate, then retry.",
    forceable: false,
    checkedBeforeSend: false,
    kind: 'provider',
  },
  mailgun_dropped: {
    label: 'Mailgun dropped',
    message: 'Mailgun accepted the email but chose not to deliver it.',
    resolution: "Check Mailgun's logs and suppression lists for this address, fix the cause, then retry.",
    forceable: false,
    checkedBeforeSend: false,
    kind: 'provider',
  },
  other: {
    label: 'Other',
    message: 'The email was not sent for a reason Stride could not classify.',
    resolution: 'Read the details for clues, retry once, and tell your admin if it keeps happening.',
    forceable: false,
    checkedBeforeSend: false,
    kind: 'provider',
  },
} as const satisfies Readonly<Record<NotSentCode, NotSentEntry>>;

export interface OtherReasonEntry extends Pick<NotSentEntry, 'label' | 'message' | 'resolution' | 'kind'> {
  /** How the reason's detail starts, so a screen can tell which of these an `other` email is. */
  readonly detailPrefix: string;
}

/*
 * Reasons the send guard finds that API.md's closed code list has no code for: the email is reported
 * as `other`, with these words in the preflight reason and the detail saying which one it is.
 */
export const otherNotSentReasons = {
  empty_email: {
    label: 'Empty email',
    message: 'This email would have gone out with no subject and no body, so Stride did not send it.',
    resolution: "Write a subject or a body in the sequence's step (or in the task), then retry the email.",
    kind: 'data',
    detailPrefix: 'The email has no subject and no body.',
  },
  too_large: {
    label: 'Email too long',
    message:
      'Once its snippets and variables were filled in, this email came out longer than Stride sends, so it was not sent.',
    resolution:
      'Shorten the snippets the email includes, include them fewer times, or split the text across steps, then retry the email.',
    kind: 'data',
    detailPrefix: 'Too long once filled in',
  },
} as const satisfies Readonly<Record<string, OtherReasonEntry>>;

export type OtherReasonKey = keyof typeof otherNotSentReasons;

/** Which of otherNotSentReasons a stored `other` detail ("other: …; …") names, if any. */
export function otherReasonOf(detail: string | null | undefined): OtherReasonEntry | null {
  if (!detail) return null;
  const parts = detail.split('; ').map((p) => p.replace(/^other:\s*/, ''));
  for (const entry of Object.values(otherNotSentReasons) as OtherReasonEntry[])
    if (parts.some((p) => p.startsWith(entry.detailPrefix))) return entry;
  return null;
}

/** The words a person reads for an email's reason: the specific ones when an `other` email has them. */
export function notSentEntryFor(
  code: NotSentCode,
  detail: string | null | undefined,
): Pick<NotSentEntry, 'label' | 'message' | 'resolution' | 'kind'> {
  return (code === 'other' && otherReasonOf(detail)) || notSentCatalog[code];
}

/** Codes the send guard evaluates before sending (derived from the catalog so the two cannot drift). */
export type PreSendCode = {
  [C in NotSentCode]: (typeof notSentCatalog)[C]['checkedBeforeSend'] extends true ? C : never;
}[NotSentCode];

/** Catalog order: the order every list of reasons is reported in. */
export const notSentOrder: readonly NotSentCode[] = Object.keys(notSentCatalog) as NotSentCode[];

// The codes are defined once, with the API's enroll result (schemas/enrollment); the catalog gives
// each its words and its reporting order, and `satisfies` below keeps the two in step.
export { type EnrollmentWarningCode, enrollmentWarningCodeSchema };
export const enrollmentWarningCodes = enrollmentWarningCodeSchema.options;

export interface EnrollmentWarningEntry {
  readonly label: string;
  readonly message: string;
  readonly resolution: string;
}

/** Warnings shown before enrolling; the key order is the reporting order. */
export const enrollmentWarningCatalog = {
  missing_email: {
    label: 'Missing or invalid email',
    message: 'The contact has no usable email address, so sequence emails to them would not be sent.',
    resolution: 'Add or correct the email address before enrolling.',
  },
  blocked_contact_stage: {
    label: 'Blocked contact stage',
    message: "The contact's stage is one this sequence's ruleset does not email.",
    resolution: "Change the contact's stage, or enroll anyway knowing the emails will be held back.",
  },
  owned_by_other_user: {
    label: 'Owned by another user',
    message: 'Another user owns this contact.',
    resolution: 'Check with the owner first, or have the contact reassigned to you.',
  },
  unverified_email: {
    label: 'Unverified email',
    message: "The contact's email address has not been verified.",
    resolution: 'Verify the address first; unverified addresses bounce more often.',
  },
  already_in_another_sequence: {
    label: 'Already in another sequence',
    message: 'The contact is active in another sequence, so they may hear from your team twice.',
    resolution: 'Check with your team, or finish the other sequence before enrolling.',
  },
  missing_dynamic_variable: {
    label: 'Missing variable',
    message:
      "The sequence's first email uses a variable this contact has no value for, and it has no fallback.",
    resolution:
      'Fill in the field on the contact, or give the variable a fallback like {{firstName | "there"}}; otherwise that email will not be sent.',
  },
} as const satisfies Readonly<Record<EnrollmentWarningCode, EnrollmentWarningEntry>>;

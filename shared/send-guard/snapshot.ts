import { z } from 'zod';
import { contactEmailStatuses, mailboxStatuses, stepTypes, threadModes } from '../enums';
import { rulesetSchema } from '../schemas/ruleset';
import type { TemplateContext } from '../template/render';

/*
 * Everything the send guard needs to know about one prospective send, gathered up front so the
 * rules stay pure. The scheduler fills it from database rows; the compose bar fills it for a one-off
 * email, which has no sequence, step, thread or enrollment, so those parts are optional.
 */

const id = z.string().min(1);
const text = z.string().nullish();

export const emailStatusSchema = z.enum(contactEmailStatuses);
export type EmailStatus = z.infer<typeof emailStatusSchema>;

export const snapshotContactSchema = z.object({
  id,
  email: text,
  emailStatus: emailStatusSchema.nullish(),
  firstName: text,
  lastName: text,
  company: text,
  title: text,
  fields: z.record(z.string(), z.string()).nullish(),
  stage: text,
  ownerId: text,
  accountId: text,
  /** ISO 3166-1 alpha-2. */
  country: text,
  /** IANA zone. */
  timezone: text,
  personalizedOpener: text,
  jobChangeDetected: z.boolean(),
  unsubscribed: z.boolean(),
  /** Mail to this exact address has bounced before. */
  bouncedBefore: z.boolean(),
  /** Emails already sent to this address (any sequence or manual); 0 means this would be the first. */
  sentCountToAddress: z.number().int().nonnegative(),
});

export const snapshotAccountSchema = z.object({
  id,
  stage: text,
  domain: text,
  ownerId: text,
});

/** The person the email goes out as: the source of {{sender.*}}. */
export const snapshotSenderSchema = z.object({
  id,
  name: text,
  email: text,
});

export const snapshotMailboxSchema = z.object({
  id,
  status: z.enum(mailboxStatuses),
  inactiveReason: text,
  /** The mailbox's signature, for {{sender.signature}}. */
  signature: text,
  /** The booking page, for {{meetingLink}}. */
  meetingLink: text,
});

export const snapshotSequenceSchema = z.object({
  id,
  active: z.boolean(),
  ruleset: rulesetSchema.nullish(),
});

export const snapshotStepSchema = z.object({
  id,
  type: z.enum(stepTypes),
  active: z.boolean(),
  threadMode: z.enum(threadModes).nullish(),
  subject: text,
  body: text,
  /** Engagement tracking (API.md); absent means the defaults: clicks tracked, opens not. */
  trackClicks: z.boolean().optional(),
  trackOpens: z.boolean().optional(),
});

/** What a renderer already found; lets a caller that rendered the email skip a second pass. */
export const templateIssuesSchema = z.object({
  missingVariables: z.array(z.string()),
  missingSnippets: z.array(z.string()),
  openerMissing: z.boolean(),
  oversized: z.array(z.enum(['subject', 'body'])).optional(),
});

export const sendSnapshotSchema = z.object({
  contact: snapshotContactSchema,
  account: snapshotAccountSchema.nullish(),
  /** The user on whose behalf the email is sent; ownership is judged against them. */
  actingUserId: id,
  sender: snapshotSenderSchema.nullish(),
  mailbox: snapshotMailboxSchema.nullish(),
  sequence: snapshotSequenceSchema.nullish(),
  step: snapshotStepSchema.nullish(),
  /** Subject/body that replace the step's (compose bar, an edited manual-email task, preflight). */
  draft: z.object({ subject: text, body: text }).nullish(),
  /** Snippet bodies by name, for {{snippet.NAME}}. */
  snippets: z.record(z.string(), z.string()).nullish(),
  /** When present, used instead of rendering draft/step here. */
  rendered: templateIssuesSchema.nullish(),
  /** Blocklist entries that may match this contact (lower- or mixed-case; exact addresses, bare domains). */
  blocklist: z.object({ emails: z.array(z.string()), domains: z.array(z.string()) }).nullish(),
  /** Another contact of the same account replied to any sequence. */
  sameAccountReplied: z.boolean().nullish(),
  /** The earlier message a reply_previous step answers; null when it cannot be found. */
  thread: z.object({ previousMessageId: text, threadId: text }).nullish(),
  /** An email for this enrollment and step has already gone out. */
  alreadySentStep: z.boolean().nullish(),
  /** Deactivated users among the contact's owner, the account's owner and the acting user. */
  inactiveUserIds: z.array(id).nullish(),
  /** The contact's active or paused enrollments, in any sequence (this one is ignored). */
  activeEnrollments: z.array(z.object({ sequenceId: id })).nullish(),
});

export type SendSnapshot = z.infer<typeof sendSnapshotSchema>;
export type SnapshotContact = z.infer<typeof snapshotContactSchema>;

/** The variables a template sees for this send, so the server renders with what the guard checked. */
export function templateContextFor(s: Pick<SendSnapshot, 'contact' | 'sender' | 'mailbox'>): TemplateContext {
  const c = s.contact;
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    company: c.company,
    title: c.title,
    email: c.email,
    personalizedOpener: c.personalizedOpener,
    fields: c.fields,
    sender: {
      name: s.sender?.name,
      email: s.sender?.email,
      signature: s.mailbox?.signature,
      meetingLink: s.mailbox?.meetingLink,
    },
  };
}

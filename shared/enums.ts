/**
 * Every closed set of values the database, the API and the extension share, defined once. Plain
 * tuples with no zod, so content scripts can import them within their size budget; the zod schemas
 * (shared/schemas), the database columns (server/db/schema.ts) and the server's types derive from these.
 * (What a scheduled email waits for lives with its words, in shared/send-guard/waiting-catalog.ts.)
 */

/** Mailbox providers a user can pick. Test-only stand-ins (the zero-latency provider) are not here. */
export const mailboxProviders = ['sandbox', 'smtp', 'gmail', 'outlook', 'sendgrid', 'mailgun'] as const;
export type MailboxProvider = (typeof mailboxProviders)[number];

export const emailStatuses = ['scheduled', 'sending', 'sent', 'bounced', 'not_sent', 'unknown'] as const;
export type EmailStatus = (typeof emailStatuses)[number];

export const enrollmentStatuses = [
  'active',
  'scheduled',
  'paused',
  'finished',
  'bounced',
  'not_sent',
  'removed',
] as const;
export type EnrollmentStatus = (typeof enrollmentStatuses)[number];

/** A contact's address verification state. */
export const contactEmailStatuses = ['verified', 'unverified', 'invalid'] as const;

export const stepTypes = ['auto_email', 'manual_email', 'call', 'linkedin', 'task'] as const;
export const threadModes = ['new_thread', 'reply_previous'] as const;
/** Tasks are the steps a rep does by hand. */
export const taskTypes = ['manual_email', 'call', 'linkedin', 'task'] as const;
export const taskStatuses = ['open', 'completed', 'skipped'] as const;
export const mailboxStatuses = ['active', 'inactive'] as const;
export const userRoles = ['admin', 'rep'] as const;

/**
 * History kinds written to `activities` (server/domain/activity.ts), exactly as stored: the older
 * underscore names predate the dotted ones and stay, since stored history and its readers use them.
 */
export const activityKinds = [
  'contact_created',
  'contact_updated',
  'owner_changed',
  'contact.unsubscribed',
  'account_created',
  'account_updated',
  'blocklist_added',
  'blocklist_removed',
  'enrollment.created',
  'enrollment.reenrolled',
  'enrollment.started',
  'enrollment.paused',
  'enrollment.resumed',
  'enrollment.finished',
  'enrollment.removed',
  'enrollment.step_completed',
  'email.sent',
  'email.not_sent',
  'email.bounced',
  'email.unknown',
  'email.delivered',
  'email.spam_complaint',
  'email.clicked',
  'email.replied',
  'email.out_of_office',
  'email.auto_replied',
  'email.retried',
  'task.completed',
  'mailbox.linked',
  'mailbox.reconnected',
  'mailbox.shared',
  'mailbox.unshared',
  'mailbox.unlinked',
  'engagement.meeting_link_clicked',
  'engagement.call_task_created',
  'contact.owner_transferred',
  'user.transferred',
  'user.deactivated',
  'user.reactivated',
] as const;
export type ActivityKind = (typeof activityKinds)[number];

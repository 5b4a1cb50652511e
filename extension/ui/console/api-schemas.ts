import type { hc, InferResponseType } from 'hono/client';
import { z } from 'zod';
import type { AppType } from '../../../server/app';
import { pageOf } from '../../../shared/schemas/common';
import { contactSchema, importResultSchema } from '../../../shared/schemas/contact';
import { emailSchema, preflightResultSchema, taskSchema } from '../../../shared/schemas/email';
import { enrollmentSchema, enrollResultSchema } from '../../../shared/schemas/enrollment';
import { listSchema } from '../../../shared/schemas/list';
import { mailboxSchema } from '../../../shared/schemas/mailbox';
import { sequenceSchema } from '../../../shared/schemas/sequence';
import { snippetDtoSchema } from '../../../shared/schemas/snippet';
import { userSchema } from '../../../shared/schemas/user';

/*
 * Response shapes the shared schemas do not cover, because the server declares them next to its
 * routes (and the console may not import server code at run time). The type checks at the bottom
 * tie each one to the server's declared response, so a change on either side fails to compile.
 */

export const countsSchema = z.object({
  active: z.number(),
  scheduled: z.number(),
  paused: z.number(),
  finished: z.number(),
  bounced: z.number(),
  not_sent: z.number(),
  removed: z.number(),
});
export type Counts = z.infer<typeof countsSchema>;

export const sequenceViewSchema = sequenceSchema.extend({ counts: countsSchema });
export type SequenceView = z.infer<typeof sequenceViewSchema>;
export const sequencePageSchema = pageOf(sequenceViewSchema);

export const sharesSchema = z.object({
  shares: z.array(
    z.object({ userId: z.string(), name: z.string(), email: z.string(), access: z.enum(['view', 'edit']) }),
  ),
});
export type Share = z.infer<typeof sharesSchema>['shares'][number];

export const retryResultSchema = z.object({
  retried: z.array(z.string()),
  skipped: z.array(
    z.object({ id: z.string(), code: z.enum(['not_found', 'already_sent_step', 'not_retryable']) }),
  ),
});
export type RetryResult = z.infer<typeof retryResultSchema>;

export const mailboxDtoSchema = mailboxSchema.extend({
  unsubscribeEnabled: z.boolean(),
  openTracking: z.boolean(),
  hasCredentials: z.boolean(),
  settingsHints: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  webhookUrl: z.string().optional(),
  updatedAt: z.string(),
});
export type MailboxDto = z.infer<typeof mailboxDtoSchema>;

const healthStatus = z.enum(['pass', 'warn', 'fail', 'unknown']);
export type HealthStatus = z.infer<typeof healthStatus>;
const dnsCheckSchema = z.object({
  status: healthStatus,
  records: z.array(z.string()),
  advice: z.array(z.string()),
});
export const healthSchema = z.object({
  mailboxId: z.string(),
  domain: z.string(),
  status: healthStatus,
  checkedAt: z.string(),
  spf: dnsCheckSchema,
  dkim: dnsCheckSchema.extend({ selectors: z.array(z.object({ selector: z.string(), found: z.boolean() })) }),
  dmarc: dnsCheckSchema,
  mailbox: z.object({ status: healthStatus, advice: z.array(z.string()) }),
});
export type Health = z.infer<typeof healthSchema>;

export const unlinkSchema = z.object({
  deleted: z.literal(true),
  enrollmentsUpdated: z.number(),
  emailsDetached: z.number(),
});
export const authorizeSchema = z.object({ url: z.string(), state: z.string(), expiresAt: z.string() });
export const scheduleAtSchema = z.object({ at: z.string() });

export const contactPageSchema = pageOf(contactSchema);
export const enrollmentPageSchema = pageOf(enrollmentSchema);
export const emailPageSchema = pageOf(emailSchema);
export const taskPageSchema = pageOf(taskSchema);
export const mailboxPageSchema = pageOf(mailboxDtoSchema);
export const snippetPageSchema = pageOf(snippetDtoSchema);
export const listPageSchema = pageOf(listSchema);
export const userPageSchema = pageOf(userSchema);
export {
  contactSchema,
  emailSchema,
  enrollmentSchema,
  enrollResultSchema,
  importResultSchema,
  preflightResultSchema,
  taskSchema,
  userSchema,
};

// ---- compile-time drift checks against the server's Hono route types (no run-time import) ----
type Api = ReturnType<typeof hc<AppType>>['api'];
type Ok<R> = InferResponseType<R, 200>;
/** Compiles only when the server's answer can be read as the console's schema. */
type Reads<Server extends Console, Console> = Server;
export type DriftChecks = [
  Reads<Ok<Api['sequences'][':id']['$get']>, SequenceView>,
  Reads<Ok<Api['sequences'][':id']['share']['$post']>, z.infer<typeof sharesSchema>>,
  Reads<Ok<Api['emails']['retry']['$post']>, RetryResult>,
  Reads<Ok<Api['mailboxes'][':id']['$get']>, MailboxDto>,
  Reads<Ok<Api['mailboxes'][':id']['health']['$get']>, Health>,
  Reads<Ok<Api['mailboxes'][':id']['$delete']>, z.infer<typeof unlinkSchema>>,
  Reads<Ok<Api['schedule']['preview']['$post']>, z.infer<typeof scheduleAtSchema>>,
];

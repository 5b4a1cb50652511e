import { z } from 'zod';
import { isoOutSchema } from './common';

export const providerSchema = z.enum(['sandbox', 'smtp', 'gmail', 'outlook', 'sendgrid', 'mailgun']);
export type ProviderName = z.infer<typeof providerSchema>;

export const createMailboxSchema = z
  .object({
    provider: providerSchema,
    address: z.email().max(320),
    name: z.string().trim().max(200).optional(),
    dailyLimit: z.number().int().min(1).max(10_000).optional(),
    hourlyLimit: z.number().int().min(1).max(1_000).optional(),
    signature: z.string().max(20_000).optional(),
    /** The sender's booking page, `{{meetingLink}}` in templates. */
    meetingLink: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable()
      .optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export const patchMailboxSchema = createMailboxSchema
  .omit({ provider: true, address: true })
  .partial()
  .strict();

export const mailboxSchema = z.object({
  id: z.string(),
  provider: providerSchema,
  address: z.string(),
  name: z.string().nullable(),
  userId: z.string(),
  dailyLimit: z.number(),
  hourlyLimit: z.number(),
  signature: z.string().nullable(),
  meetingLink: z.string().nullable().optional(),
  status: z.enum(['active', 'inactive']),
  inactiveReason: z.string().optional(),
  createdAt: isoOutSchema,
});
export type Mailbox = z.infer<typeof mailboxSchema>;

/** API.md's Mailbox plus what the settings page needs; never any credential. */
export const mailboxDtoSchema = mailboxSchema.extend({
  unsubscribeEnabled: z.boolean(),
  openTracking: z.boolean(),
  /** Something is stored to send with (tokens, password, API key); the values never leave the server. */
  hasCredentials: z.boolean(),
  /** Non-secret parts of the settings: SMTP host/port, apiBaseUrl, Mailgun domain, which keys are set. */
  settingsHints: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** Where to point the provider's event webhook (sendgrid and mailgun only). */
  webhookUrl: z.string().optional(),
  updatedAt: z.string(),
});
export type MailboxDto = z.infer<typeof mailboxDtoSchema>;

export const healthStatusSchema = z.enum(['pass', 'warn', 'fail', 'unknown']);
export type HealthStatus = z.infer<typeof healthStatusSchema>;
const dnsCheckSchema = z.object({
  status: healthStatusSchema,
  records: z.array(z.string()),
  advice: z.array(z.string()),
});
export const mailboxHealthSchema = z.object({
  mailboxId: z.string(),
  domain: z.string(),
  status: healthStatusSchema,
  checkedAt: z.string(),
  spf: dnsCheckSchema,
  dkim: dnsCheckSchema.extend({ selectors: z.array(z.object({ selector: z.string(), found: z.boolean() })) }),
  dmarc: dnsCheckSchema,
  mailbox: z.object({ status: healthStatusSchema, advice: z.array(z.string()) }),
});
export type MailboxHealth = z.infer<typeof mailboxHealthSchema>;

export const mailboxUnlinkResultSchema = z.object({
  deleted: z.literal(true),
  enrollmentsUpdated: z.number(),
  emailsDetached: z.number(),
});
export const oauthAuthorizeResultSchema = z.object({
  url: z.string(),
  state: z.string(),
  expiresAt: z.string(),
});

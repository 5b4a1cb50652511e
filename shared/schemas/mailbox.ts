import { z } from 'zod';
import { mailboxProviders, mailboxStatuses } from '../enums';
import { isoOutSchema } from './common';
import { ianaTimeZoneSchema } from './time-zone';

export const providerSchema = z.enum(mailboxProviders);
export type ProviderName = z.infer<typeof providerSchema>;

/** Warm-up: the daily limit starts at startPerDay and grows by increasePerDay a day up to dailyLimit. */
export const rampUpInputSchema = z
  .object({
    startPerDay: z.number().int().min(1).max(10_000),
    increasePerDay: z.number().int().min(0).max(10_000),
  })
  .strict();

/** Pacing fields (API.md "Pacing and calendars"): all off unless given. */
const pacingFields = {
  rampUp: rampUpInputSchema.nullable().optional(),
  /** At least this long between two sends from the mailbox, plus up to half of it as random jitter. */
  minGapSeconds: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .optional(),
  /** The most emails a day from this mailbox to one recipient domain; null removes the cap. */
  recipientDomainDailyLimit: z.number().int().min(1).max(10_000).nullable().optional(),
  /** The owner's zone: ramp-up days begin at its midnight (default UTC). */
  timezone: ianaTimeZoneSchema.optional(),
};

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
    ...pacingFields,
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
  status: z.enum(mailboxStatuses),
  inactiveReason: z.string().optional(),
  createdAt: isoOutSchema,
});
export type Mailbox = z.infer<typeof mailboxSchema>;

/**
 * Server-side reading of the mailbox (API.md "Mailbox sync"): `off` when it cannot be read (sandbox,
 * SendGrid, Mailgun, SMTP without IMAP), `syncing` while a read runs or before the first one,
 * `error` with the last failure in words, `ok` otherwise.
 */
export const mailboxSyncSchema = z.object({
  state: z.enum(['off', 'ok', 'syncing', 'error']),
  lastSyncedAt: isoOutSchema.optional(),
  error: z.string().optional(),
});
export type MailboxSync = z.infer<typeof mailboxSyncSchema>;

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
  sync: mailboxSyncSchema,
  /** `settings.aliases` as stored (lower-cased, deduplicated): mail from them is never a reply. */
  aliases: z.array(z.string()),
  /** Send-as addresses sync learned from the provider (Gmail); only on reads, which join the sync row. */
  learnedAliases: z.array(z.string()).optional(),
  updatedAt: z.string(),
  rampUp: rampUpInputSchema.extend({ startedOn: z.string() }).nullable(),
  minGapSeconds: z.number(),
  recipientDomainDailyLimit: z.number().nullable(),
  timezone: z.string(),
  /** Today's daily limit: below dailyLimit while ramp-up is under way. */
  effectiveDailyLimit: z.number(),
  /** The local date ramp-up reaches dailyLimit (absent without ramp-up or when it never does). */
  rampUpReachesLimitOn: z.string().optional(),
  /** The earliest moment the gap lets the next send go (absent when no gap holds it). */
  nextSendAt: z.string().optional(),
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

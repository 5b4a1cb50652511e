import { z } from 'zod';
import type { MailboxProvider } from '../enums';

/** Where an SMTP mailbox is read (issue 15's sync); sending never uses it. */
export const imapSettingsSchema = z
  .object({
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65535),
    secure: z.boolean().optional(),
    user: z.string().min(1).max(320).optional(),
    password: z.string().max(1000).optional(),
  })
  .strict();
export type ImapSettings = z.infer<typeof imapSettingsSchema>;

const baseUrl = z.url({ protocol: /^https?$/ });

/**
 * Other addresses that deliver into (or send from) the same inbox: Gmail "Send mail as" addresses,
 * Outlook proxy addresses, an SMTP server's aliases. Mail from them is the rep's own, never a reply
 * (issue 15). Any provider may carry them.
 */
export const mailboxAliasesSchema = z.array(z.email().max(320)).max(100);
const aliases = mailboxAliasesSchema.optional();

/**
 * Mailbox `settings` per provider (API.md), the one source: the mailbox routes check input with these
 * (server/domain/mailboxes/mailbox-settings.ts adds the webhook key check that needs node:crypto) and
 * server/providers/create-provider.ts parses stored settings with them before sending.
 */
export const mailboxSettingsSchemas = {
  sandbox: z.object({ aliases }).loose(),
  smtp: z.object({
    aliases,
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    secure: z.boolean().optional(),
    user: z.string().min(1).optional(),
    password: z.string().optional(),
    requireTls: z.boolean().optional(),
    ca: z.string().min(1).optional(),
    /** Where the mailbox is read (issue 15's sync); sending never uses it. */
    imap: imapSettingsSchema.optional(),
  }),
  gmail: z.object({
    aliases,
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1).optional(),
    apiBaseUrl: baseUrl.optional(),
    tokenUrl: baseUrl.optional(),
    clientId: z.string().min(1).optional(),
    clientSecret: z.string().min(1).optional(),
  }),
  outlook: z.object({
    aliases,
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1).optional(),
    apiBaseUrl: baseUrl.optional(),
    tokenUrl: baseUrl.optional(),
    clientId: z.string().min(1).optional(),
    clientSecret: z.string().min(1).optional(),
  }),
  sendgrid: z.object({
    aliases,
    apiKey: z.string().min(1),
    apiBaseUrl: baseUrl.optional(),
    /** Base64 DER (or PEM) ECDSA key of the Signed Event Webhook; see webhooks.ts. */
    webhookPublicKey: z.string().min(1).optional(),
  }),
  mailgun: z.object({
    aliases,
    apiKey: z.string().min(1),
    apiBaseUrl: baseUrl.optional(),
    domain: z.string().min(1).optional(),
    /** Mailgun's HTTP webhook signing key; see webhooks.ts. */
    webhookSigningKey: z.string().min(1).max(500).optional(),
  }),
} satisfies Record<MailboxProvider, z.ZodType>;

import { z } from 'zod';
import type { MailboxProvider } from '../../shared/enums';
import type { NetGuard } from '../net/net-guard';
import { imapSettingsSchema } from '../sync/sources/imap-source';
import { createGmailProvider } from './gmail';
import { createGraphProvider } from './graph';
import { createMailgunProvider } from './mailgun';
import type { OnTokens } from './oauth';
import { type EmailProvider, ProviderError } from './provider';
import { createSandboxProvider } from './sandbox';
import { createSendGridProvider } from './sendgrid';
import { createSmtpProvider } from './smtp';

const baseUrl = z.url({ protocol: /^https?$/ });

/** Mailbox `settings` per provider (API.md); the mailbox route can reuse these for its 400s. */
export const mailboxSettingsSchemas = {
  sandbox: z.object({}).loose(),
  smtp: z.object({
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
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1).optional(),
    apiBaseUrl: baseUrl.optional(),
    tokenUrl: baseUrl.optional(),
    clientId: z.string().min(1).optional(),
    clientSecret: z.string().min(1).optional(),
  }),
  outlook: z.object({
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1).optional(),
    apiBaseUrl: baseUrl.optional(),
    tokenUrl: baseUrl.optional(),
    clientId: z.string().min(1).optional(),
    clientSecret: z.string().min(1).optional(),
  }),
  sendgrid: z.object({
    apiKey: z.string().min(1),
    apiBaseUrl: baseUrl.optional(),
    /** Base64 DER (or PEM) ECDSA key of the Signed Event Webhook; see webhooks.ts. */
    webhookPublicKey: z.string().min(1).optional(),
  }),
  mailgun: z.object({
    apiKey: z.string().min(1),
    apiBaseUrl: baseUrl.optional(),
    domain: z.string().min(1).optional(),
    /** Mailgun's HTTP webhook signing key; see webhooks.ts. */
    webhookSigningKey: z.string().min(1).optional(),
  }),
} satisfies Record<MailboxProvider, z.ZodType>;

export interface MailboxForProvider {
  provider: MailboxProvider;
  address: string;
  settings: unknown;
}

export interface ProviderDeps {
  fetch: typeof fetch;
  /** STRIDE_DATA_DIR; the sandbox writes to `<dataDir>/outbox/`. */
  dataDir: string;
  /** Receives refreshed OAuth tokens (gmail, outlook) so the caller can store them on the mailbox. */
  onTokens?: OnTokens;
  now?: () => Date;
  /** Per-request HTTP timeout. */
  timeoutMs?: number;
  /**
   * Checks every connection to a user-given host (API base, token URL, SMTP server). When given,
   * its fetch replaces `fetch` and SMTP connects through it.
   */
  netGuard?: NetGuard | undefined;
}

/**
 * The provider for one mailbox. Settings that do not validate mean the mailbox cannot send until
 * someone fixes it, so they surface as an `auth` ProviderError (mailbox_inactive) naming the fields.
 */
export function createProvider(mailbox: MailboxForProvider, deps: ProviderDeps): EmailProvider {
  const now = deps.now ?? (() => new Date());
  const http = {
    fetch: deps.netGuard?.fetch ?? deps.fetch,
    now,
    ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }),
  };
  const parsed = mailboxSettingsSchemas[mailbox.provider].safeParse(mailbox.settings ?? {});
  if (!parsed.success) {
    const fields = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(settings)'}: ${issue.message}`,
    );
    throw new ProviderError({
      kind: 'auth',
      detail: `invalid ${mailbox.provider} settings: ${fields.join('; ')}`,
    });
  }
  switch (mailbox.provider) {
    case 'sandbox':
      return createSandboxProvider({ dataDir: deps.dataDir, now });
    case 'smtp':
      return createSmtpProvider(mailboxSettingsSchemas.smtp.parse(mailbox.settings), {
        now,
        connect: deps.netGuard?.connect,
      });
    case 'gmail':
      return createGmailProvider(mailboxSettingsSchemas.gmail.parse(mailbox.settings), {
        ...http,
        onTokens: deps.onTokens,
      });
    case 'outlook':
      return createGraphProvider(mailboxSettingsSchemas.outlook.parse(mailbox.settings), {
        ...http,
        onTokens: deps.onTokens,
      });
    case 'sendgrid':
      return createSendGridProvider(mailboxSettingsSchemas.sendgrid.parse(mailbox.settings), http);
    case 'mailgun': {
      const settings = mailboxSettingsSchemas.mailgun.parse(mailbox.settings);
      return createMailgunProvider(
        { ...settings, domain: settings.domain ?? mailbox.address.split('@')[1] },
        http,
      );
    }
  }
}

import type { MailboxProvider } from '../../shared/enums';
import { mailboxSettingsSchemas } from '../../shared/schemas/mailbox-settings';
import type { NetGuard } from '../net/net-guard';
import { createGmailProvider } from './gmail';
import { createGraphProvider } from './graph';
import { createMailgunProvider } from './mailgun';
import type { OnTokens } from './oauth';
import { type EmailProvider, ProviderError } from './provider';
import { createSandboxProvider } from './sandbox';
import { createSendGridProvider } from './sendgrid';
import { createSmtpProvider } from './smtp';

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

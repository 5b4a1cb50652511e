import { imapSettingsSchema, mailboxSettingsSchemas } from '../../shared/schemas/mailbox-settings';
import type { OAuthTokens } from '../providers/oauth';
import type { SyncMailbox } from './ingest';
import type { MailSource, ResolveHost } from './mail-source';
import { createGmailSource } from './sources/gmail-source';
import { createGraphSource } from './sources/graph-source';
import { createImapSource } from './sources/imap-source';

export interface SourceDeps {
  fetch: typeof fetch;
  now: () => Date;
  /** DNS for IMAP hosts; the place for an SSRF guard (issue 13's net guard plugs in here). */
  resolveHost?: ResolveHost | undefined;
  /** Stores tokens an API reader refreshed, as sending does (storeRefreshedTokens). */
  onTokens?: ((mailboxId: string, tokens: OAuthTokens) => Promise<void>) | undefined;
  /** Per-request HTTP timeout for API readers. */
  timeoutMs?: number | undefined;
}

/** The reader for a mailbox's provider, or null when the mailbox cannot be read. */
export function createMailSource(
  mailbox: SyncMailbox,
  settings: Record<string, unknown>,
  deps: SourceDeps,
): MailSource | null {
  const http = {
    fetch: deps.fetch,
    now: deps.now,
    ...(deps.timeoutMs !== undefined && { timeoutMs: deps.timeoutMs }),
    onTokens: deps.onTokens && ((tokens: OAuthTokens) => deps.onTokens?.(mailbox.id, tokens)),
  };
  switch (mailbox.provider) {
    case 'smtp': {
      if (settings.imap === undefined) return null;
      return createImapSource(imapSettingsSchema.parse(settings.imap), {
        address: mailbox.address,
        resolveHost: deps.resolveHost,
      });
    }
    case 'gmail':
      return createGmailSource(mailboxSettingsSchemas.gmail.parse(settings), http);
    case 'outlook':
      return createGraphSource(mailboxSettingsSchemas.outlook.parse(settings), http);
    default:
      return null;
  }
}

import { imapSettingsSchema, mailboxSettingsSchemas } from '../../shared/schemas/mailbox-settings';
import type { NetGuard } from '../net/net-guard';
import type { OAuthTokens } from '../providers/oauth';
import type { SyncMailbox } from './ingest';
import type { MailSource, ResolveHost } from './mail-source';
import { createGmailSource } from './sources/gmail-source';
import { createGraphSource } from './sources/graph-source';
import { createImapSource } from './sources/imap-source';
import { retryStaleReads } from './sources/read-fetch';

export interface SourceDeps {
  fetch: typeof fetch;
  now: () => Date;
  /**
   * The SSRF guards sends use (server/net/net-guard.ts): reads go through `public` unless an admin
   * approved internal hosts for the mailbox. Given, they replace `fetch` and `resolveHost`.
   */
  netGuards?: { public: NetGuard; internal: NetGuard } | undefined;
  /** DNS for IMAP hosts when no net guard is given (tests point a name at the local Dovecot). */
  resolveHost?: ResolveHost | undefined;
  /** Stores tokens an API reader refreshed, as sending does (storeRefreshedTokens). */
  onTokens?: ((mailboxId: string, tokens: OAuthTokens) => Promise<void>) | undefined;
  /** How often IMAP folders other than INBOX are swept (STRIDE_SYNC_POLL_MS; INBOX has IDLE). */
  imapSweepMs?: number | undefined;
  /** Per-request HTTP timeout for API readers. */
  timeoutMs?: number | undefined;
}

/** How an IMAP host name becomes an address: through the mailbox's net guard when there is one. */
export function resolveHostFor(
  mailbox: { internalHostsApproved?: boolean | undefined },
  deps: Pick<SourceDeps, 'netGuards' | 'resolveHost'>,
): ResolveHost | undefined {
  const guard = deps.netGuards
    ? mailbox.internalHostsApproved
      ? deps.netGuards.internal
      : deps.netGuards.public
    : undefined;
  if (!guard) return deps.resolveHost;
  return async (host) => {
    const [first] = await guard.resolve(host);
    if (!first) throw new Error(`no address for ${host}`);
    return first.address;
  };
}

/** The reader for a mailbox's provider, or null when the mailbox cannot be read. */
export function createMailSource(
  mailbox: SyncMailbox,
  settings: Record<string, unknown>,
  deps: SourceDeps,
): MailSource | null {
  const guard = deps.netGuards
    ? mailbox.internalHostsApproved
      ? deps.netGuards.internal
      : deps.netGuards.public
    : undefined;
  const resolveHost = resolveHostFor(mailbox, deps);
  const http = {
    fetch: retryStaleReads(guard?.fetch ?? deps.fetch),
    now: deps.now,
    ...(deps.timeoutMs !== undefined && { timeoutMs: deps.timeoutMs }),
    onTokens: deps.onTokens && ((tokens: OAuthTokens) => deps.onTokens?.(mailbox.id, tokens)),
  };
  switch (mailbox.provider) {
    case 'smtp': {
      if (settings.imap === undefined) return null;
      return createImapSource(imapSettingsSchema.parse(settings.imap), {
        address: mailbox.address,
        resolveHost,
        ...(deps.imapSweepMs !== undefined && { sweepMs: deps.imapSweepMs }),
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

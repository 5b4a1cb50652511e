import type { SyncMailbox } from './ingest';
import type { MailSource, ResolveHost } from './mail-source';
import { createImapSource, imapSettingsSchema } from './sources/imap-source';

export interface SourceDeps {
  fetch: typeof fetch;
  now: () => Date;
  /** DNS for IMAP hosts; the place for an SSRF guard (issue 13's net guard plugs in here). */
  resolveHost?: ResolveHost | undefined;
}

/** The reader for a mailbox's provider, or null when the mailbox cannot be read. */
export function createMailSource(
  mailbox: SyncMailbox,
  settings: Record<string, unknown>,
  deps: SourceDeps,
): MailSource | null {
  switch (mailbox.provider) {
    case 'smtp': {
      if (settings.imap === undefined) return null;
      return createImapSource(imapSettingsSchema.parse(settings.imap), {
        address: mailbox.address,
        resolveHost: deps.resolveHost,
      });
    }
    default:
      return null;
  }
}

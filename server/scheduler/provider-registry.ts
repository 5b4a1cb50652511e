import type { Db } from '../db/client';
import { providerMailbox, storeRefreshedTokens } from '../domain/mailboxes/mailbox-settings';
import { createProvider } from '../providers/create-provider';
import type { EmailProvider } from '../providers/provider';
import type { MailboxForSend } from './scheduler-config';

export interface RegistryDeps {
  db: Db;
  secretKey: Buffer;
  dataDir: string;
  fetch: typeof fetch;
  now: () => Date;
}

/**
 * One provider per mailbox and credentials version: OAuth clients keep their refreshed access token
 * between sends, and a reconnect (new sealed settings) gets a fresh client. Refreshed tokens are
 * sealed back onto the mailbox so a restart does not start from an expired token.
 */
export function createProviderRegistry(deps: RegistryDeps): (mailbox: MailboxForSend) => EmailProvider {
  const cache = new Map<string, { sealed: string | null; provider: EmailProvider }>();
  return (mailbox) => {
    const hit = cache.get(mailbox.id);
    if (hit && hit.sealed === mailbox.settingsEncrypted) return hit.provider;
    const provider = createProvider(providerMailbox(deps.secretKey, mailbox), {
      fetch: deps.fetch,
      dataDir: deps.dataDir,
      now: deps.now,
      onTokens: (tokens) => storeRefreshedTokens(deps.db, deps.secretKey, mailbox.id, tokens, deps.now()),
    });
    cache.set(mailbox.id, { sealed: mailbox.settingsEncrypted, provider });
    return provider;
  };
}

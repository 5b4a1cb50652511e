import { eq } from 'drizzle-orm';
import { openJson, sealJson } from '../crypto/secret-box';
import type { Db } from '../db/client';
import { mailboxes } from '../db/schema';
import { createProvider } from '../providers/create-provider';
import type { OAuthTokens } from '../providers/oauth';
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
    const settings = mailbox.settingsEncrypted
      ? openJson<Record<string, unknown>>(deps.secretKey, mailbox.settingsEncrypted)
      : {};
    const onTokens = async (tokens: OAuthTokens) => {
      const sealed = sealJson(deps.secretKey, { ...settings, ...tokens });
      await deps.db
        .update(mailboxes)
        .set({ settingsEncrypted: sealed, updatedAt: deps.now() })
        .where(eq(mailboxes.id, mailbox.id));
    };
    const provider = createProvider(
      { provider: mailbox.provider, address: mailbox.address, settings },
      { fetch: deps.fetch, dataDir: deps.dataDir, now: deps.now, onTokens },
    );
    cache.set(mailbox.id, { sealed: mailbox.settingsEncrypted, provider });
    return provider;
  };
}

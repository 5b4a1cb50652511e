import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { mailboxes } from '../db/schema';
import { providerMailbox, storeRefreshedTokens } from '../domain/mailboxes/mailbox-settings';
import type { NetGuard } from '../net/net-guard';
import { createProvider } from '../providers/create-provider';
import type { EmailProvider } from '../providers/provider';
import type { MailboxForSend } from './scheduler-config';

export interface RegistryDeps {
  db: Db;
  secretKey: Buffer;
  dataDir: string;
  fetch: typeof fetch;
  now: () => Date;
  /**
   * Connection guards for user-given hosts: `internal` for mailboxes whose settings an admin saved
   * while STRIDE_ALLOW_PRIVATE_PROVIDER_HOSTS was on, `public` for all others. Without them
   * (tests of the scheduler against local stand-ins) providers connect unchecked.
   */
  netGuards?: { public: NetGuard; internal: NetGuard };
  /** How often cached providers are checked against the mailboxes table (default five minutes). */
  pruneEveryMs?: number;
}

/** Gives the provider for a mailbox; also callable as `providerFor` in the scheduler's deps. */
export interface ProviderRegistry {
  (mailbox: MailboxForSend): EmailProvider;
  /**
   * Drops the providers of mailboxes that were deleted or whose credentials changed since; resolves
   * to how many were dropped. A prune already running is shared, not started twice.
   */
  prune(): Promise<number>;
  /** Providers held now. */
  readonly size: number;
}

interface Entry {
  sealed: string | null;
  provider: EmailProvider;
}

/** Which cached entries no longer match a mailbox row: gone, or sealed with other credentials. */
export function staleEntries(
  cached: ReadonlyMap<string, { sealed: string | null }>,
  current: ReadonlyMap<string, string | null>,
): string[] {
  return [...cached].filter(([id, e]) => !current.has(id) || current.get(id) !== e.sealed).map(([id]) => id);
}

/**
 * One provider per mailbox and credentials version: OAuth clients keep their refreshed access token
 * between sends, and a reconnect (new sealed settings) gets a fresh client. Refreshed tokens are
 * sealed back onto the mailbox so a restart does not start from an expired token.
 *
 * A worker runs for months while mailboxes come and go, so every `pruneEveryMs` a call also starts a
 * prune in the background: a deleted mailbox's client (and the credentials it holds in memory) must
 * not outlive it, nor a replaced one that is never used again. It never delays a send.
 */
export function createProviderRegistry(deps: RegistryDeps): ProviderRegistry {
  const cache = new Map<string, Entry>();
  const pruneEveryMs = deps.pruneEveryMs ?? 5 * 60_000;
  let lastPrune = deps.now().getTime();
  let pruning: Promise<number> | undefined;

  const runPrune = async (): Promise<number> => {
    const seen = new Map(cache);
    if (seen.size === 0) return 0;
    const rows = await deps.db
      .select({ id: mailboxes.id, sealed: mailboxes.settingsEncrypted })
      .from(mailboxes)
      .where(inArray(mailboxes.id, [...seen.keys()]));
    let dropped = 0;
    for (const id of staleEntries(seen, new Map(rows.map((r) => [r.id, r.sealed])))) {
      // An entry replaced while the rows were read belongs to newer credentials: it stays.
      if (cache.get(id) !== seen.get(id)) continue;
      cache.delete(id);
      dropped += 1;
    }
    return dropped;
  };

  const prune = (): Promise<number> => {
    if (!pruning) {
      lastPrune = deps.now().getTime();
      pruning = runPrune().finally(() => {
        pruning = undefined;
      });
    }
    return pruning;
  };

  const providerFor = (mailbox: MailboxForSend): EmailProvider => {
    if (deps.now().getTime() - lastPrune >= pruneEveryMs) {
      // A failed prune only means the next one tries again.
      prune().catch(() => {});
    }
    const hit = cache.get(mailbox.id);
    if (hit && hit.sealed === mailbox.settingsEncrypted) return hit.provider;
    const forProvider = providerMailbox(deps.secretKey, mailbox);
    const netGuard = deps.netGuards
      ? mailbox.internalHostsApprovedBy
        ? deps.netGuards.internal
        : deps.netGuards.public
      : undefined;
    const provider = createProvider(forProvider, {
      netGuard,
      fetch: deps.fetch,
      dataDir: deps.dataDir,
      now: deps.now,
      onTokens: (tokens) => storeRefreshedTokens(deps.db, deps.secretKey, mailbox.id, tokens, deps.now()),
    });
    cache.set(mailbox.id, { sealed: mailbox.settingsEncrypted, provider });
    return provider;
  };

  return Object.defineProperties(providerFor, {
    prune: { value: prune },
    size: { get: () => cache.size },
  }) as ProviderRegistry;
}

import { BlockedHostError } from '../../net/net-guard';
import { isProviderError, type ProviderError } from '../../providers/provider';
import { SyncError } from '../mail-source';

/** The net guard's refusal somewhere in an error's causes. */
export function blockedHostIn(error: unknown): BlockedHostError | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth += 1) {
    if (e instanceof BlockedHostError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** Reading, like sending, never connects to an internal address unless an admin approved it. */
export function blockedHostSyncError(blocked: BlockedHostError): SyncError {
  return new SyncError(
    'auth',
    `Stride did not read the mailbox: ${blocked.message}. Change the mailbox's server address to a public host, or ask an admin to approve it.`,
  );
}

/**
 * A provider API failure (already mapped by the send path's mappers) as the sync worker's three
 * kinds, with the words a person reads on the mailbox: a revoked grant or refused token needs the
 * owner to reconnect; a rate limit waits as long as the provider asked; anything else retries.
 */
export function syncErrorFrom(error: unknown, service: string, status?: number): SyncError {
  if (error instanceof SyncError) return error;
  const blocked = blockedHostIn(error);
  if (blocked) return blockedHostSyncError(blocked);
  if (!isProviderError(error)) {
    const what = error instanceof Error ? error.message : String(error);
    return new SyncError('transient', `Could not read the mailbox through ${service}: ${what}`);
  }
  const e: ProviderError = error;
  if (e.kind === 'auth' || e.kind === 'not_enabled') {
    return new SyncError(
      'auth',
      `${service} refused access to the mailbox (${e.detail}). Reconnect the mailbox to let Stride read replies again.`,
    );
  }
  if (status === 429 || e.retryAfterMs !== undefined) {
    return new SyncError(
      'rate_limited',
      `${service} asked Stride to slow down (${e.detail}).`,
      e.retryAfterMs,
    );
  }
  return new SyncError('transient', `Could not read the mailbox through ${service}: ${e.detail}`);
}

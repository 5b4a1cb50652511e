import { randomUUID } from 'node:crypto';
import { claimDueMailboxes } from './claim-mailboxes';
import { type SyncDeps, syncMailbox } from './sync-mailbox';

export interface SyncWorkerOptions {
  /** How often an idle worker looks for mailboxes due a read. */
  idleMs: number;
  /** Mailboxes leased per claim. */
  batch?: number | undefined;
  log: Pick<Console, 'error' | 'warn'>;
}

export interface RunningSyncWorker {
  stop(): Promise<void>;
}

/**
 * The sync loop of one process: lease due mailboxes, read each in turn, look again. Mailboxes are read
 * one at a time per worker; more throughput is more workers (each leases its own mailboxes).
 */
export function startSyncWorker(
  deps: Omit<SyncDeps, 'owner'> & { owner?: string },
  opts: SyncWorkerOptions,
): RunningSyncWorker {
  const full: SyncDeps = { ...deps, owner: deps.owner ?? `sync-${randomUUID()}` };
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      let claimed: string[] = [];
      try {
        claimed = await claimDueMailboxes(full.db, {
          now: full.now(),
          owner: full.owner,
          leaseMs: full.leaseMs,
          limit: opts.batch ?? 10,
        });
        for (const id of claimed) {
          if (stopped) break;
          const outcome = await syncMailbox(full, id);
          if (outcome.state === 'error') opts.log.warn(`mailbox ${id} sync: ${outcome.error.message}`);
        }
      } catch (error) {
        opts.log.error('mailbox sync failed', error);
      }
      if (claimed.length === 0 && !stopped) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, opts.idleMs);
        });
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

import { randomUUID } from 'node:crypto';
import { claimDueMailboxes, syncSoon } from './claim-mailboxes';
import { type SyncDeps, syncMailbox } from './sync-mailbox';

export interface SyncWorkerOptions {
  /** How often an idle worker looks for mailboxes due a read. */
  idleMs: number;
  /** Mailboxes leased per claim. */
  batch?: number | undefined;
  log: Pick<Console, 'error' | 'warn'>;
}

export interface RunningSyncWorker {
  /**
   * Looks for due mailboxes now instead of at the end of the idle wait (IDLE asked for a sync). Given
   * the mailbox, a wake that comes while that mailbox is being read is kept: it is read again right
   * after, since the running read may have listed its INBOX before the new message landed.
   */
  wake(mailboxId?: string): void;
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
  // A wake that comes while mailboxes are being read must still cut the next wait short.
  let woken = false;
  let reading: string | null = null;
  // Mailboxes woken while being read: the read in flight may have missed what the wake announced.
  const dirty = new Set<string>();
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
          reading = id;
          dirty.delete(id);
          let outcome: Awaited<ReturnType<typeof syncMailbox>>;
          try {
            outcome = await syncMailbox(full, id);
          } finally {
            reading = null;
          }
          if (outcome.state === 'error') opts.log.warn(`mailbox ${id} sync: ${outcome.error.message}`);
          else if (dirty.delete(id)) {
            // The sync has released its lease: due now, so the next claim reads it again.
            await syncSoon(full.db, id, full.now());
            woken = true;
          }
        }
      } catch (error) {
        opts.log.error('mailbox sync failed', error);
      }
      if (claimed.length === 0 && !stopped && !woken) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, opts.idleMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      woken = false;
    }
  })();
  return {
    wake(mailboxId) {
      if (mailboxId !== undefined && mailboxId === reading) dirty.add(mailboxId);
      woken = true;
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

import { inArray } from 'drizzle-orm';
import type { ImapFlow } from 'imapflow';
import { type ImapSettings, imapSettingsSchema } from '../../shared/schemas/mailbox-settings';
import type { Db } from '../db/client';
import { mailboxes } from '../db/schema';
import { mailboxProviderSettings } from '../domain/mailboxes/mailbox-settings';
import { claimIdleMailboxes, idleLeasesHeld, releaseIdleMailboxes } from './idle-leases';
import type { ResolveHost } from './mail-source';
import { openImapClient } from './sources/imap-source';

export interface ImapIdleDeps {
  db: Db;
  now: () => Date;
  secretKey: Buffer;
  /** Who holds the IDLE leases taken by this process. */
  owner: string;
  /** How long an IDLE lease lasts without renewal (a dead worker's mailboxes move on after it). */
  leaseMs: number;
  /** DNS for the mailbox's IMAP host: the net guard, public-only unless an admin approved internal hosts. */
  resolveHostFor: (mailbox: { internalHostsApproved: boolean }) => ResolveHost | undefined;
  /** New mail in INBOX (or a reconnect that may have missed some): ask for a sync of the mailbox now. */
  onNewMail: (mailboxId: string) => Promise<void>;
  log: Pick<Console, 'error' | 'warn'>;
}

export interface ImapIdleOptions {
  /** How often leases are renewed and new mailboxes picked up; well under `leaseMs`. */
  refreshMs: number;
  /** Most IDLE connections this worker holds (each is one socket and one imapflow client). */
  maxConnections?: number | undefined;
  /** First wait before reconnecting a dropped connection; doubles up to `maxReconnectMs`. */
  reconnectMs?: number | undefined;
  maxReconnectMs?: number | undefined;
  /** Longest single IDLE before it is restarted (RFC 2177: servers may drop one after 30 minutes). */
  maxIdleMs?: number | undefined;
  /**
   * How often an idling connection is checked with a NOOP. A connection that died without a FIN (a
   * NAT or firewall dropping it, a frozen server) says nothing while idling; the NOOP finds it out.
   */
  keepaliveMs?: number | undefined;
  /** How long the NOOP may take before the connection counts as dead and is reopened. */
  keepaliveTimeoutMs?: number | undefined;
}

export interface RunningImapIdle {
  /** Mailboxes with an open IDLE connection right now. */
  connected(): string[];
  stop(): Promise<void>;
}

interface Watch {
  sealed: string | null;
  connected(): boolean;
  stop(): Promise<void>;
}

function cancellableSleep() {
  let wake: (() => void) | undefined;
  return {
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
    wake: () => wake?.(),
  };
}

/**
 * IDLE on one mailbox's INBOX, opened read-only (EXAMINE): each new message asks for a sync, which
 * reads it through the ordinary leased path. A dropped connection is reopened with backoff (one that
 * died silently is found by a NOOP on a timer), and each time INBOX is opened a sync is asked for at
 * once, for whatever landed while no IDLE was listening.
 */
function watchInbox(
  mailboxId: string,
  settings: ImapSettings,
  connectDeps: { address: string; resolveHost: ResolveHost | undefined; maxIdleMs: number },
  deps: Pick<ImapIdleDeps, 'onNewMail' | 'log'>,
  backoff: { min: number; max: number },
  keepalive: { everyMs: number; timeoutMs: number },
): Omit<Watch, 'sealed'> {
  let stopped = false;
  let client: ImapFlow | undefined;
  let open = false;
  const pause = cancellableSleep();
  const notify = () => {
    deps.onNewMail(mailboxId).catch((error) => deps.log.error(`mailbox ${mailboxId} IDLE`, error));
  };
  /** NOOP on a timer: no answer in time closes the client, and the loop below reopens it. */
  const watchdog = (c: ImapFlow) => {
    let checking = false;
    const timer = setInterval(() => {
      if (checking || !c.usable) return;
      checking = true;
      let expired: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<'late'>((resolve) => {
        expired = setTimeout(() => resolve('late'), keepalive.timeoutMs);
      });
      Promise.race([c.noop().then(() => 'ok' as const), late])
        .then((r) => {
          if (r === 'late' && !stopped) {
            deps.log.warn(`mailbox ${mailboxId}: IMAP IDLE connection did not answer a NOOP; reconnecting`);
            c.close();
          }
        })
        .catch(() => c.close())
        .finally(() => {
          clearTimeout(expired);
          checking = false;
        });
    }, keepalive.everyMs);
    return () => clearInterval(timer);
  };
  const loop = (async () => {
    let wait = backoff.min;
    while (!stopped) {
      let stopWatchdog = () => {};
      try {
        const c = await openImapClient(settings, connectDeps);
        client = c;
        if (stopped) break;
        const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
        c.on('exists', (info: { count: number; prevCount: number }) => {
          if (info.count > info.prevCount) notify();
        });
        await c.mailboxOpen('INBOX', { readOnly: true });
        open = true;
        wait = backoff.min;
        // Whatever landed before IDLE started (since the last sync, while the connection was down or
        // before this worker took the mailbox) announces nothing: ask for one read now, every time.
        notify();
        stopWatchdog = watchdog(c);
        while (!stopped && c.usable) await Promise.race([c.idle(), closed]);
      } catch (error) {
        if (!stopped) {
          const e = error as { message?: string };
          deps.log.warn(`mailbox ${mailboxId}: IMAP IDLE connection failed: ${e.message ?? String(error)}`);
        }
      }
      stopWatchdog();
      open = false;
      client?.close();
      client = undefined;
      if (stopped) break;
      await pause.sleep(wait);
      wait = Math.min(wait * 2, backoff.max);
    }
  })();
  return {
    // Connected means IDLE is really running, not only that INBOX is open.
    connected: () => open && client?.idling === true,
    async stop() {
      stopped = true;
      pause.wake();
      const c = client;
      if (c) await c.logout().catch(() => c.close());
      await loop;
    },
  };
}

/**
 * The IDLE side of the sync worker: holds one IMAP connection per `smtp` mailbox with IMAP settings
 * that it leases (sticky leases, renewed every `refreshMs`), so a reply lands in the enrollment
 * within seconds instead of at the next poll. Folders other than INBOX are left to the sync's
 * periodic sweep. On Postgres any number of workers split the mailboxes between them.
 */
export function startImapIdle(deps: ImapIdleDeps, opts: ImapIdleOptions): RunningImapIdle {
  const watches = new Map<string, Watch>();
  const pause = cancellableSleep();
  const backoff = { min: opts.reconnectMs ?? 1000, max: opts.maxReconnectMs ?? 60_000 };
  const keepalive = { everyMs: opts.keepaliveMs ?? 60_000, timeoutMs: opts.keepaliveTimeoutMs ?? 20_000 };
  let stopped = false;

  async function refresh() {
    const ids = await claimIdleMailboxes(deps.db, {
      now: deps.now(),
      owner: deps.owner,
      leaseMs: deps.leaseMs,
      limit: opts.maxConnections ?? 500,
    });
    const claimed = new Set(ids);
    const skipped = [...watches.keys()].filter((id) => !claimed.has(id));
    const held = new Set([...ids, ...(await idleLeasesHeld(deps.db, deps.owner, skipped, deps.now()))]);
    for (const [id, w] of watches) {
      if (held.has(id)) continue;
      watches.delete(id);
      await w.stop();
    }
    if (ids.length === 0) return;
    const rows = await deps.db
      .select({
        id: mailboxes.id,
        address: mailboxes.address,
        settingsEncrypted: mailboxes.settingsEncrypted,
        approvedBy: mailboxes.internalHostsApprovedBy,
      })
      .from(mailboxes)
      .where(inArray(mailboxes.id, ids));
    for (const row of rows) {
      if (stopped) return;
      const current = watches.get(row.id);
      if (current && current.sealed === row.settingsEncrypted) continue;
      if (current) {
        // Settings changed (a new password, another host): reconnect with the new ones.
        watches.delete(row.id);
        await current.stop();
      }
      let imap: ImapSettings | undefined;
      try {
        const parsed = imapSettingsSchema.safeParse(mailboxProviderSettings(deps.secretKey, row).imap);
        imap = parsed.success ? parsed.data : undefined;
      } catch (error) {
        deps.log.warn(`mailbox ${row.id}: its stored settings cannot be read for IDLE: ${String(error)}`);
      }
      const watch: Omit<Watch, 'sealed'> = imap
        ? watchInbox(
            row.id,
            imap,
            {
              address: row.address,
              resolveHost: deps.resolveHostFor({ internalHostsApproved: row.approvedBy !== null }),
              maxIdleMs: opts.maxIdleMs ?? 4 * 60_000,
            },
            deps,
            backoff,
            keepalive,
          )
        : // No IMAP: nothing to hold, but the lease is kept so the mailbox is not re-examined each round.
          { connected: () => false, stop: async () => {} };
      watches.set(row.id, { ...watch, sealed: row.settingsEncrypted });
    }
  }

  const loop = (async () => {
    while (!stopped) {
      try {
        await refresh();
      } catch (error) {
        deps.log.error('IMAP IDLE refresh failed', error);
      }
      if (!stopped) await pause.sleep(opts.refreshMs);
    }
  })();

  return {
    connected: () => [...watches].filter(([, w]) => w.connected()).map(([id]) => id),
    async stop() {
      stopped = true;
      pause.wake();
      await loop;
      const ids = [...watches.keys()];
      await Promise.all([...watches.values()].map((w) => w.stop()));
      watches.clear();
      await releaseIdleMailboxes(deps.db, deps.owner, ids).catch(() => {});
    },
  };
}

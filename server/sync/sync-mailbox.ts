import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { mailboxes, mailboxSync, users } from '../db/schema';
import type { Actor } from '../domain/actor';
import { mailboxProviderSettings } from '../domain/mailboxes/mailbox-settings';
import type { MessageClassifier } from '../domain/replies/match-thread';
import { type IngestReport, ingestMessages, type SyncMailbox } from './ingest';
import { type MailSource, SyncError } from './mail-source';

export interface SyncDeps {
  db: Db;
  now: () => Date;
  secretKey: Buffer;
  /** Who holds leases taken by this process. */
  owner: string;
  /** How often a mailbox is read when nothing asks sooner (STRIDE_SYNC_POLL_MS). */
  pollMs: number;
  leaseMs: number;
  /** A reader for the mailbox, or null when it cannot be read (an `smtp` mailbox without IMAP). */
  sourceFor: (mailbox: SyncMailbox, settings: Record<string, unknown>) => MailSource | null;
  classify?: MessageClassifier | undefined;
  /** Most pulls in one sync, so a huge backlog yields to other mailboxes between turns. */
  maxPulls?: number | undefined;
}

export type SyncOutcome =
  | { state: 'ok'; report: IngestReport }
  | { state: 'off' }
  | { state: 'error'; error: SyncError }
  | { state: 'lost' };

const TRANSIENT_BACKOFF_MS = 5 * 60_000;

async function loadMailbox(db: Db, id: string) {
  const [row] = await db
    .select({ mailbox: mailboxes, owner: users, sync: mailboxSync })
    .from(mailboxes)
    .innerJoin(users, eq(users.id, mailboxes.userId))
    .innerJoin(mailboxSync, eq(mailboxSync.mailboxId, mailboxes.id))
    .where(eq(mailboxes.id, id));
  return row;
}

/**
 * One sync of one leased mailbox: pull → apply → save the cursor, until the source has nothing more.
 * The cursor is written only after its messages are applied, and only while this worker still holds
 * the lease, so a crash re-reads (and dedupes) rather than skips, and a worker that lost its lease
 * cannot move a cursor another worker owns.
 */
export async function syncMailbox(deps: SyncDeps, mailboxId: string): Promise<SyncOutcome> {
  const { db } = deps;
  const row = await loadMailbox(db, mailboxId);
  if (!row) return { state: 'lost' };
  const { mailbox: m, owner: u, sync } = row;
  const owner: Actor = { id: u.id, teamId: u.teamId, email: u.email, name: u.name, role: u.role };
  const target: SyncMailbox = {
    id: m.id,
    teamId: m.teamId,
    provider: m.provider,
    address: m.address,
    owner,
    internalHostsApproved: m.internalHostsApprovedBy !== null,
  };
  const held = and(eq(mailboxSync.mailboxId, mailboxId), eq(mailboxSync.leaseOwner, deps.owner));
  const release = async (set: Partial<typeof mailboxSync.$inferInsert> & { nextSyncAt: Date }) => {
    // IDLE or a push may have asked for a sync while this one ran (next_sync_at moved): keep that
    // earlier time instead of putting the mailbox off for a whole poll interval.
    const asked = sql`${mailboxSync.nextSyncAt} <> ${sync.nextSyncAt.toISOString()}::timestamptz`;
    const next = sql`case when ${asked} then least(${mailboxSync.nextSyncAt}, ${set.nextSyncAt.toISOString()}::timestamptz) else ${set.nextSyncAt.toISOString()}::timestamptz end`;
    await db
      .update(mailboxSync)
      .set({ leaseUntil: null, leaseOwner: null, updatedAt: deps.now(), ...set, nextSyncAt: next })
      .where(held);
  };

  let source: MailSource | null;
  try {
    source = deps.sourceFor(target, mailboxProviderSettings(deps.secretKey, m));
  } catch (error) {
    const e = new SyncError('auth', `The mailbox's stored settings cannot be read: ${String(error)}`);
    await release({ lastError: e.message, nextSyncAt: new Date(deps.now().getTime() + deps.pollMs) });
    return { state: 'error', error: e };
  }
  if (!source) {
    await release({ lastError: null, nextSyncAt: new Date(deps.now().getTime() + deps.pollMs) });
    return { state: 'off' };
  }

  const total: IngestReport = { fetched: 0, duplicates: 0, ingested: 0, events: [] };
  let cursor = sync.cursor ?? null;
  try {
    for (let pulls = 0; pulls < (deps.maxPulls ?? 20); pulls++) {
      const batch = await source.pull(cursor, { now: deps.now(), lastSyncedAt: sync.lastSyncedAt });
      const report = await ingestMessages(db, target, batch.messages, {
        now: deps.now,
        classify: deps.classify,
      });
      total.fetched += report.fetched;
      total.duplicates += report.duplicates;
      total.ingested += report.ingested;
      total.events.push(...report.events);
      cursor = batch.cursor;
      const now = deps.now();
      const saved = await db
        .update(mailboxSync)
        .set({
          cursor,
          ...(batch.aliases !== undefined && { aliases: batch.aliases }),
          leaseUntil: new Date(now.getTime() + deps.leaseMs),
          updatedAt: now,
        })
        .where(held)
        .returning({ id: mailboxSync.mailboxId });
      if (saved.length === 0) return { state: 'lost' };
      if (!batch.more) break;
    }
  } catch (error) {
    const e =
      error instanceof SyncError
        ? error
        : new SyncError('transient', `Reading the mailbox failed: ${String(error)}`);
    const now = deps.now();
    const wait = e.kind === 'rate_limited' ? (e.retryAfterMs ?? deps.pollMs) : TRANSIENT_BACKOFF_MS;
    await release({ lastError: e.message, nextSyncAt: new Date(now.getTime() + Math.max(wait, 1000)) });
    if (e.kind === 'auth') {
      // Sending would fail the same way: the owner must reconnect, and the reason says how.
      await db
        .update(mailboxes)
        .set({ status: 'inactive', inactiveReason: e.message, updatedAt: now })
        .where(eq(mailboxes.id, mailboxId));
    }
    return { state: 'error', error: e };
  } finally {
    await source.close().catch(() => {});
  }
  const now = deps.now();
  await release({ lastError: null, lastSyncedAt: now, nextSyncAt: new Date(now.getTime() + deps.pollMs) });
  return { state: 'ok', report: total };
}

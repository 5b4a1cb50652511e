import { and, eq, inArray } from 'drizzle-orm';
import type { ProviderName } from '../../shared/schemas/mailbox';
import type { Db } from '../db/client';
import { syncedMessages } from '../db/schema';
import type { Actor } from '../domain/actor';
import { chunks } from '../domain/enrollments/schedule-step';
import { applyObservation, type ObserveEvent } from '../domain/replies/apply-observation';
import {
  concernsSomeone,
  type MessageClassifier,
  planThread,
  planThreads,
  type ThreadToPlan,
} from '../domain/replies/match-thread';
import type { FetchedMessage } from './mail-source';
import { type ParsedRaw, parseRawMessage } from './parse-raw';

export interface SyncMailbox {
  id: string;
  teamId: string;
  provider: ProviderName;
  address: string;
  /** The mailbox's owner: matching sees the contacts they see, and their addresses are never a reply. */
  owner: Actor;
  /** An admin approved internal provider hosts for it: reads may use the guard that allows them. */
  internalHostsApproved?: boolean | undefined;
}

export interface IngestDeps {
  now: () => Date;
  classify?: MessageClassifier | undefined;
}

export interface IngestReport {
  fetched: number;
  /** Already ingested from this mailbox (a re-read after a crash, an expired cursor, a duplicate page). */
  duplicates: number;
  ingested: number;
  events: ObserveEvent[];
}

/** The apply-once key: the RFC Message-ID when there is one, else the provider's id for the message. */
export function syncMessageKey(parsed: Pick<ParsedRaw, 'messageId'>, m: Pick<FetchedMessage, 'providerId'>) {
  return parsed.messageId ? `rfc:${parsed.messageId}` : `id:${m.providerId}`;
}

function hostOf(provider: ProviderName): 'gmail' | 'outlook' | 'imap' {
  if (provider === 'gmail') return 'gmail';
  if (provider === 'outlook') return 'outlook';
  return 'imap';
}

async function knownKeys(db: Db, mailboxId: string, keys: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks(keys)) {
    const rows = await db
      .select({ key: syncedMessages.messageKey })
      .from(syncedMessages)
      .where(and(eq(syncedMessages.mailboxId, mailboxId), inArray(syncedMessages.messageKey, part)));
    for (const r of rows) out.add(r.key);
  }
  return out;
}

function threadOf(m: FetchedMessage, p: ParsedRaw): ThreadToPlan {
  return {
    threadId: m.threadId ?? p.messageId ?? m.providerId,
    subject: p.subject,
    messages: [
      {
        ...(p.messageId && { messageId: p.messageId }),
        from: p.from || '(no sender)',
        to: p.to,
        date: p.date,
        text: p.text,
        headers: p.headers,
      },
    ],
  };
}

/**
 * Raw messages of one mailbox → parsed → matched and classified exactly as a page report → applied
 * once. The whole pull is planned with one set of lookups (planThreads); a message that concerns an
 * enrollment then commits on its own with its synced_messages row, and the rest (most mail: nothing
 * of ours) are recorded by one insert at the end. A crash in between leaves the applied ones recorded
 * and the others to be read again; a second worker reading the same message waits on the first's key
 * and then does nothing. A message whose contacts an earlier one of the pull changed is planned again
 * first, so the result is the one reading them one by one gives (test/server/sync/ingest-batch.test.ts).
 */
export async function ingestMessages(
  db: Db,
  mailbox: SyncMailbox,
  messages: FetchedMessage[],
  deps: IngestDeps,
): Promise<IngestReport> {
  const report: IngestReport = { fetched: messages.length, duplicates: 0, ingested: 0, events: [] };
  const parsed: { m: FetchedMessage; p: ParsedRaw; key: string }[] = [];
  const inBatch = new Set<string>();
  for (const m of messages) {
    const p = await parseRawMessage(m.raw, m.receivedAt ?? deps.now());
    const key = syncMessageKey(p, m);
    if (inBatch.has(key)) {
      report.duplicates += 1;
      continue;
    }
    inBatch.add(key);
    parsed.push({ m, p, key });
  }
  const known = await knownKeys(
    db,
    mailbox.id,
    parsed.map((x) => x.key),
  );
  report.duplicates += parsed.length - parsed.filter((x) => !known.has(x.key)).length;
  const fresh = parsed.filter((x) => !known.has(x.key)).map((x) => ({ ...x, thread: threadOf(x.m, x.p) }));
  if (fresh.length === 0) return report;
  const now = deps.now();
  const planned = await planThreads(
    db,
    mailbox.owner,
    fresh.map((x) => x.thread),
    now,
    deps.classify,
  );
  // Contacts whose enrollments a message of this pull may have changed (finished, paused, bounced).
  const touched = new Set<string>();
  const unconcerned: (typeof syncedMessages.$inferInsert)[] = [];
  for (const [i, { m, key, thread }] of fresh.entries()) {
    const batch = planned[i];
    let plan = batch?.plans[0];
    if (touched.size > 0 && [...(batch?.contactIds ?? [])].some((id) => touched.has(id))) {
      [plan] = await planThread(db, mailbox.owner, thread, now, deps.classify);
    }
    const row = {
      mailboxId: mailbox.id,
      messageKey: key,
      folder: m.folder,
      kind: plan?.kind ?? null,
      createdAt: now,
    };
    if (!plan || !concernsSomeone(plan)) {
      unconcerned.push(row);
      continue;
    }
    for (const t of plan.targets) touched.add(t.contact.id);
    const target = plan;
    const applied = await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(syncedMessages)
        .values(row)
        .onConflictDoNothing()
        .returning({ key: syncedMessages.messageKey });
      if (inserted.length === 0) return null;
      return applyObservation(tx, target, {
        teamId: mailbox.teamId,
        reporterId: mailbox.owner.id,
        host: hostOf(mailbox.provider),
        threadId: thread.threadId,
        now,
        seenIn: { via: 'sync', mailboxId: mailbox.id, address: mailbox.address, folder: m.folder },
      });
    });
    if (applied === null) {
      report.duplicates += 1;
      continue;
    }
    report.ingested += 1;
    report.events.push(...applied);
  }
  for (const part of chunks(unconcerned)) {
    // One insert for the batch; a key another worker recorded meanwhile is a duplicate, not an error.
    const inserted = await db
      .insert(syncedMessages)
      .values(part)
      .onConflictDoNothing()
      .returning({ key: syncedMessages.messageKey });
    report.ingested += inserted.length;
    report.duplicates += part.length - inserted.length;
  }
  return report;
}

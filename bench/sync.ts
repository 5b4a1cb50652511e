import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { newId } from '../server/db/ids';
import { contacts, emails, enrollments, mailboxes, mailboxSync } from '../server/db/schema';
import { sealSettings } from '../server/domain/mailboxes/mailbox-settings';
import { claimDueMailboxes, syncSoon } from '../server/sync/claim-mailboxes';
import { startImapIdle } from '../server/sync/imap-idle';
import { parseRawMessage } from '../server/sync/parse-raw';
import { createMailSource } from '../server/sync/source-for';
import { type SyncDeps, syncMailbox } from '../server/sync/sync-mailbox';
import { startSyncWorker } from '../server/sync/sync-worker';
import { classifyMessage } from '../shared/replies/classify-message';
import { createGmailStandIn, GOOGLE_CLIENT } from '../test/server/providers/stand-ins/gmail';
import { serveStandIn } from '../test/server/providers/stand-ins/serve';
import { dovecotMissing, startDovecot } from '../test/server/sync/helpers/dovecot';
import { plainMail } from '../test/server/sync/helpers/raw-mail';
import type { BenchEnv } from './bench-db';
import { seedContacts, seedDueSends } from './seed';

export interface SyncIngestResult {
  mailboxes: number;
  messages: number;
  workers: number;
  /** Messages fetched raw over HTTP, parsed, classified, matched and applied, per second of wall time. */
  ingestedPerSecond: number;
  /** The same raw messages parsed and classified alone, in this process, per second. */
  parseClassifyPerSecond: number;
  /** Enrollments the replies among them finished. */
  finished: number;
}

export interface SyncIdleResult {
  rounds: number;
  medianMs: number;
  maxMs: number;
}

const quiet = { error: console.error, warn: () => {} };
const TOKEN = 'ya29.bench';

/** Active enrollments of `count` new contacts with their first email sent through `mailboxIds`. */
async function startedEnrollments(env: BenchEnv, count: number, mailboxIds: string[], prefix: string) {
  const { db } = env.db.database;
  const now = new Date();
  const contactIds = await seedContacts(db, env.admin.teamId, count, prefix);
  await seedDueSends(db, { teamId: env.admin.teamId, userId: env.admin.id, contactIds, mailboxIds, now });
  const rows = await db
    .select({ contactId: contacts.id, email: contacts.email, enrollmentId: enrollments.id })
    .from(contacts)
    .innerJoin(enrollments, eq(enrollments.contactId, contacts.id))
    .where(inArray(contacts.id, contactIds));
  const enrollmentIds = rows.map((r) => r.enrollmentId);
  for (let i = 0; i < enrollmentIds.length; i += 1000) {
    await db
      .update(emails)
      .set({ status: 'sent', sentAt: now, dueAt: null })
      .where(inArray(emails.enrollmentId, enrollmentIds.slice(i, i + 1000)));
  }
  // seedDueSends names each first email <enrollmentId@bench.test>.
  return rows.map((r) => ({ ...r, email: r.email ?? '', messageId: `<${r.enrollmentId}@bench.test>` }));
}

/**
 * `mailboxCount` Gmail mailboxes, each its own stand-in mailbox behind one local server, with
 * `messages` new messages between them (one reply from an enrolled contact per mailbox, the rest
 * other mail). After a first sync has set every cursor, the mailboxes are read by `workers`
 * concurrent sync loops exactly as the worker does (lease, history.list, raw GET, parse, classify,
 * match, apply once). The same raw messages are then parsed and classified alone for the ratio.
 */
export async function syncIngestBench(
  env: BenchEnv,
  mailboxCount: number,
  messages: number,
  workers: number,
): Promise<SyncIngestResult> {
  const { db } = env.db.database;
  const secretKey = env.deps.config.secretKey;
  const standIns = Array.from({ length: mailboxCount }, () =>
    createGmailStandIn({ accessToken: TOKEN, refreshToken: '1//bench' }),
  );
  const router = new Hono();
  router.all('/m/:i/*', (c) => {
    const standIn = standIns[Number(c.req.param('i'))];
    if (!standIn) return c.notFound();
    const url = new URL(c.req.url);
    url.pathname = url.pathname.replace(/^\/m\/\d+/, '');
    return standIn.app.fetch(new Request(url, c.req.raw));
  });
  const server = await serveStandIn(router);
  try {
    const ids = standIns.map(() => newId('mbx'));
    const addresses = standIns.map((_, i) => `rep${i}@sync-bench.test`);
    standIns.forEach((s, i) => {
      s.mailbox.state.address = addresses[i] as string;
    });
    for (let i = 0; i < ids.length; i += 500) {
      await db.insert(mailboxes).values(
        ids.slice(i, i + 500).map((id, k) => ({
          id,
          teamId: env.admin.teamId,
          userId: env.admin.id,
          provider: 'gmail' as const,
          address: addresses[i + k] as string,
          settingsEncrypted: sealSettings(secretKey, {
            accessToken: TOKEN,
            refreshToken: '1//bench',
            clientId: GOOGLE_CLIENT.id,
            clientSecret: GOOGLE_CLIENT.secret,
            apiBaseUrl: `${server.url}/m/${i + k}`,
            tokenUrl: `${server.url}/m/${i + k}/token`,
          }),
        })),
      );
    }
    const deps = (owner: string): SyncDeps => ({
      db,
      now: () => new Date(),
      secretKey,
      owner,
      pollMs: 3_600_000,
      leaseMs: 5 * 60_000,
      sourceFor: (m, settings) =>
        createMailSource(m, settings, { fetch: globalThis.fetch, now: () => new Date() }),
    });
    const drain = async (count: number) => {
      let ingested = 0;
      await Promise.all(
        Array.from({ length: count }, async (_, w) => {
          const d = deps(`bench-sync-${w}`);
          for (;;) {
            const claimed = await claimDueMailboxes(db, {
              now: new Date(),
              owner: d.owner,
              leaseMs: d.leaseMs,
              limit: 10,
            });
            if (claimed.length === 0) return;
            for (const id of claimed) {
              const r = await syncMailbox(d, id);
              if (r.state !== 'ok') throw new Error(`sync of ${id}: ${JSON.stringify(r)}`);
              ingested += r.report.ingested;
            }
          }
        }),
      );
      return ingested;
    };
    // First round: every mailbox takes its starting historyId from the profile (reads nothing).
    await drain(workers);

    const started = await startedEnrollments(env, mailboxCount, ids, 'sync-bench');
    const raws: string[] = [];
    const at = new Date();
    const perMailbox = Math.ceil(messages / mailboxCount);
    standIns.forEach((s, i) => {
      const address = addresses[i] as string;
      const e = started[i];
      for (let k = 0; k < perMailbox && raws.length < messages; k++) {
        const raw =
          k === 0 && e
            ? plainMail({ from: e.email, to: address, date: at, inReplyTo: e.messageId })
            : plainMail({
                from: `someone${k}@elsewhere${i % 50}.example`,
                to: address,
                date: at,
                subject: `Update ${k}`,
                text: `Hello,\n\nThe minutes of meeting ${k} are attached.\n\nBest,\nSam`,
              });
        s.mailbox.deliver(raw, { at });
        raws.push(raw);
      }
    });
    await db.update(mailboxSync).set({ nextSyncAt: new Date() }).where(inArray(mailboxSync.mailboxId, ids));

    const t0 = performance.now();
    const ingested = await drain(workers);
    const ingestMs = performance.now() - t0;
    if (ingested !== raws.length) throw new Error(`expected ${raws.length} ingested, got ${ingested}`);
    const finished = await db
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(
        and(
          eq(enrollments.status, 'finished'),
          inArray(
            enrollments.id,
            started.map((s) => s.enrollmentId),
          ),
        ),
      )
      .then((rows) => rows.length);
    const [stillActive] = await db
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(eq(enrollments.status, 'active'))
      .limit(1);
    if (stillActive) throw new Error('a reply was not applied');

    const t1 = performance.now();
    for (const raw of raws) {
      const p = await parseRawMessage(raw, at);
      classifyMessage({ from: p.from, subject: p.subject, text: p.text, headers: p.headers }, { now: at });
    }
    const parseMs = performance.now() - t1;
    return {
      mailboxes: mailboxCount,
      messages: raws.length,
      workers,
      ingestedPerSecond: raws.length / (ingestMs / 1000),
      parseClassifyPerSecond: raws.length / (parseMs / 1000),
      finished,
    };
  } finally {
    await server.close();
  }
}

/**
 * From a message appended to INBOX on a real Dovecot to its enrollment changing, with the sync worker
 * and IMAP IDLE running as in production (real clock; the poll interval is an hour, so only IDLE
 * can make it quick). Null when Dovecot is not installed.
 */
export async function syncIdleBench(env: BenchEnv, rounds: number): Promise<SyncIdleResult | null> {
  if (dovecotMissing) return null;
  const { db } = env.db.database;
  const secretKey = env.deps.config.secretKey;
  const imap = await startDovecot();
  const password = 'bench-imap-1';
  const address = 'idle@sync-bench.test';
  await imap.addUser(address, password);
  const mailboxId = newId('mbx');
  await db.insert(mailboxes).values({
    id: mailboxId,
    teamId: env.admin.teamId,
    userId: env.admin.id,
    provider: 'smtp',
    address,
    settingsEncrypted: sealSettings(secretKey, {
      host: 'smtp.sync-bench.test',
      port: 587,
      imap: { host: imap.host, port: imap.port, secure: false, password },
    }),
  });
  const now = () => new Date();
  const deps: SyncDeps = {
    db,
    now,
    secretKey,
    owner: `bench-idle-${randomUUID()}`,
    pollMs: 3_600_000,
    leaseMs: 5 * 60_000,
    sourceFor: (m, settings) => createMailSource(m, settings, { fetch: globalThis.fetch, now }),
  };
  const worker = startSyncWorker(deps, { idleMs: 5_000, log: quiet });
  const idle = startImapIdle(
    {
      db,
      now,
      secretKey,
      owner: deps.owner,
      leaseMs: deps.leaseMs,
      resolveHostFor: () => undefined,
      onNewMail: async (id) => {
        await syncSoon(db, id, now());
        worker.wake(id);
      },
      log: quiet,
    },
    { refreshMs: 500 },
  );
  const waitFor = async (check: () => Promise<boolean> | boolean, what: string) => {
    const until = Date.now() + 60_000;
    while (!(await check())) {
      if (Date.now() > until) {
        const [s] = await db.select().from(mailboxSync).where(eq(mailboxSync.mailboxId, mailboxId));
        throw new Error(
          `sync idle bench: timed out waiting for ${what} (IDLE connected: ${idle.connected().includes(mailboxId)}, ` +
            `last sync error: ${s?.lastError ?? 'none'}, next sync at ${s?.nextSyncAt.toISOString()})`,
        );
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  try {
    await waitFor(async () => {
      const [s] = await db.select().from(mailboxSync).where(eq(mailboxSync.mailboxId, mailboxId));
      return s?.lastSyncedAt != null;
    }, 'the first sync');
    await waitFor(() => idle.connected().includes(mailboxId), 'the IDLE connection');
    const started = await startedEnrollments(env, rounds, [mailboxId], 'idle-bench');
    const times: number[] = [];
    for (const e of started) {
      const raw = plainMail({ from: e.email, to: address, date: new Date(), inReplyTo: e.messageId });
      const t0 = performance.now();
      await imap.deliver(address, password, 'INBOX', raw);
      await waitFor(async () => {
        const [row] = await db
          .select({ status: enrollments.status })
          .from(enrollments)
          .where(eq(enrollments.id, e.enrollmentId));
        return row?.status === 'finished';
      }, 'the enrollment to finish');
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return {
      rounds: times.length,
      medianMs: times[Math.floor(times.length / 2)] ?? Number.NaN,
      maxMs: times[times.length - 1] ?? Number.NaN,
    };
  } finally {
    await idle.stop();
    await worker.stop();
    await imap.stop();
  }
}

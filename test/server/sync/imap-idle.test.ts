import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDueMailboxes, syncSoon } from '../../../server/sync/claim-mailboxes';
import { claimIdleMailboxes } from '../../../server/sync/idle-leases';
import { type RunningImapIdle, startImapIdle } from '../../../server/sync/imap-idle';
import { syncMailbox } from '../../../server/sync/sync-mailbox';
import { type RunningSyncWorker, startSyncWorker } from '../../../server/sync/sync-worker';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { dovecotMissing, type RunningDovecot, startDovecot } from './helpers/dovecot';
import { plainMail } from './helpers/raw-mail';
import { MONDAY, syncWorld } from './helpers/sync-world';
import { startTcpProxy } from './helpers/tcp-proxy';

if (dovecotMissing) console.warn(`IMAP IDLE tests skipped: ${dovecotMissing}`);

const PASSWORD = 'imap-idle-1';
const quiet = { error: () => {}, warn: () => {} };

/** Waits for an outcome, not for a time: the generous limit only bounds a failure. */
async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(dovecotMissing !== null).each(backends)('IMAP IDLE against Dovecot (%s)', (backend) => {
  const t = useTestApp(backend, { now: MONDAY });
  const resolveToDovecot = {
    resolveHost: async (host: string) => (host === 'imap.stride.test' ? '127.0.0.1' : host),
  };
  const w = syncWorld(t, resolveToDovecot);
  let imap: RunningDovecot;
  let n = 0;

  beforeAll(async () => {
    imap = await startDovecot();
    for (let i = 1; i <= 12; i++) await imap.addUser(`idle${i}@stride.test`, PASSWORD);
  }, 30_000);
  afterAll(async () => {
    await imap?.stop();
  });

  async function linked(port?: number) {
    const address = `idle${++n}@stride.test`;
    const id = await w.mailbox('smtp', address, {
      host: 'smtp.stride.test',
      port: 587,
      imap: { host: 'imap.stride.test', port: port ?? imap.port, secure: false, password: PASSWORD },
    });
    return { id, address };
  }
  const soon = () => new Date(t.clock.now().getTime() + 60_000);

  /** A sync worker that only reads what is due (the fake clock never makes a poll due) plus IDLE. */
  function running(
    owner: string,
    keepalive: { keepaliveMs?: number; keepaliveTimeoutMs?: number } = {},
  ): {
    worker: RunningSyncWorker;
    idle: RunningImapIdle;
    stop(): Promise<void>;
  } {
    const db = t.db.database.db;
    const worker = startSyncWorker(w.deps(owner), { idleMs: 100, log: quiet });
    const idle = startImapIdle(
      {
        db,
        now: t.clock.now,
        secretKey: t.deps.config.secretKey,
        owner,
        leaseMs: 5 * 60_000,
        resolveHostFor: () => resolveToDovecot.resolveHost,
        onNewMail: async (id) => {
          await syncSoon(db, id, t.clock.now());
          worker.wake(id);
        },
        log: quiet,
      },
      { refreshMs: 200, reconnectMs: 100, maxReconnectMs: 500, ...keepalive },
    );
    return {
      worker,
      idle,
      async stop() {
        await idle.stop();
        await worker.stop();
      },
    };
  }

  it('a reply appended to INBOX changes the enrollment through IDLE, without waiting for a poll', async () => {
    const { id, address } = await linked();
    await w.syncOnce(id); // first sync: the cursor is set; the next poll is a minute away on a clock that stands still
    const s = await w.started(id);
    const r = running('idle-worker-1');
    try {
      await eventually('the IDLE connection', () => r.idle.connected().includes(id));
      // Opening INBOX asks for one read (for mail that landed before IDLE listened); after it, the
      // next poll is a minute away on a clock that stands still, so only IDLE can bring the reply in.
      await eventually(
        'the read asked for when INBOX was opened',
        async () => ((await w.syncState(id))?.nextSyncAt ?? t.clock.now()) > t.clock.now(),
      );
      await imap.deliver(
        address,
        PASSWORD,
        'INBOX',
        plainMail({ from: s.contact.email, to: address, date: soon(), inReplyTo: s.messageId }),
      );
      await eventually(
        'the enrollment to finish',
        async () => (await w.enrollment(s.enrollmentId)).status === 'finished',
      );
      const replied = (await w.history(s.enrollmentId)).find((a) => a.kind === 'email.replied');
      expect(replied?.data.seenIn).toMatchObject({ via: 'sync', mailboxId: id, folder: 'INBOX' });
      // Read-only: IDLE opened INBOX with EXAMINE and the sync fetched with BODY.PEEK.
      for (const flags of await imap.flags(address, PASSWORD, 'INBOX')) expect(flags).not.toContain('\\Seen');
    } finally {
      await r.stop();
    }
  }, 60_000);

  it('INBOX is read on every sync; a reply in Junk is found by the sweep; each folder keeps its CONDSTORE modseq', async () => {
    const { id, address } = await linked();
    const ws = syncWorld(t, { ...resolveToDovecot, imapSweepMs: 10 * 60_000 });
    await ws.syncOnce(id);
    const cursor = (await ws.syncState(id))?.cursor as {
      sweptAt: number;
      folders: Record<string, { modseq?: string }>;
    };
    expect(cursor.sweptAt).toBe(t.clock.now().getTime());
    // Dovecot has CONDSTORE: every folder's HIGHESTMODSEQ is kept to skip it while it does not change.
    expect(Object.keys(cursor.folders).sort()).toEqual(['INBOX', 'Junk']);
    expect(cursor.folders.INBOX?.modseq).toMatch(/^\d+$/);

    const s = await ws.started(id);
    await imap.deliver(
      address,
      PASSWORD,
      'Junk',
      plainMail({ from: s.contact.email, to: address, date: soon(), inReplyTo: s.messageId }),
    );
    // A sync that IDLE would ask for (the sweep is not due yet) reads INBOX only.
    t.clock.advance(60_000);
    await syncSoon(t.db.database.db, id, t.clock.now());
    const [claimed] = await claimDueMailboxes(t.db.database.db, {
      now: t.clock.now(),
      owner: 'inbox-only',
      leaseMs: 60_000,
      limit: 1000,
    }).then((ids) => ids.filter((x) => x === id));
    expect(claimed).toBe(id);
    expect(await syncMailbox(ws.deps('inbox-only'), id)).toMatchObject({
      state: 'ok',
      report: { fetched: 0 },
    });
    expect((await ws.enrollment(s.enrollmentId)).status).toBe('active');

    // The sweep comes round: Junk is read, the reply counts, and the history says it was in Junk.
    t.clock.advance(10 * 60_000);
    expect(await ws.syncOnce(id)).toMatchObject({ state: 'ok', report: { ingested: 1 } });
    expect((await ws.enrollment(s.enrollmentId)).status).toBe('finished');
    const replied = (await ws.history(s.enrollmentId)).find((a) => a.kind === 'email.replied');
    expect(replied?.data.seenIn).toMatchObject({ via: 'sync', folder: 'Junk' });
  }, 60_000);

  it('IDLE leases are sticky and split between workers: a mailbox is held by one, and moves on when it stops renewing', async () => {
    const db = t.db.database.db;
    const { id } = await linked();
    await w.syncOnce(id); // creates its sync row
    const lease = { leaseMs: 60_000, limit: 1000 };
    const a = await claimIdleMailboxes(db, { ...lease, now: t.clock.now(), owner: 'idle-a' });
    expect(a).toContain(id);
    expect(await claimIdleMailboxes(db, { ...lease, now: t.clock.now(), owner: 'idle-b' })).not.toContain(id);
    t.clock.advance(30_000);
    expect(await claimIdleMailboxes(db, { ...lease, now: t.clock.now(), owner: 'idle-a' })).toContain(id);
    t.clock.advance(45_000); // renewed 45 s ago: still A's
    expect(await claimIdleMailboxes(db, { ...lease, now: t.clock.now(), owner: 'idle-b' })).not.toContain(id);
    t.clock.advance(30_000); // A stopped renewing 75 s ago
    expect(await claimIdleMailboxes(db, { ...lease, now: t.clock.now(), owner: 'idle-b' })).toContain(id);
    // Hand everything back for the next test's worker.
    t.clock.advance(10 * 60_000);
  });

  // The benchmark's missed wake-up: the next reply was appended right after the previous one took
  // effect, while that sync still saved its cursor. The IDLE lease claim skipped the row the sync had
  // locked, the worker took that for a lost lease and closed the connection, and the reopened one
  // announced nothing for the message that landed in between. On this clock, which stands still, a
  // wake during a sync also left next_sync_at unchanged, so only the worker's own note of it helps.
  // No poll can come due on this clock: each of the 12 replies is read because IDLE asked for it.
  it('replies appended back to back, each while the previous one is still being synced, are all read through IDLE', async () => {
    const boxes = [await linked(), await linked(), await linked()];
    const started: { id: string; address: string; replies: Awaited<ReturnType<typeof w.started>>[] }[] = [];
    for (const b of boxes) {
      await w.syncOnce(b.id);
      const replies = [];
      for (let i = 0; i < 4; i++) replies.push(await w.started(b.id));
      started.push({ ...b, replies });
    }
    const r = running('idle-worker-3');
    try {
      await eventually('IDLE on every mailbox', () => boxes.every((b) => r.idle.connected().includes(b.id)));
      await Promise.all(
        started.map(async ({ address, replies }) => {
          for (const s of replies) {
            await imap.deliver(
              address,
              PASSWORD,
              'INBOX',
              plainMail({ from: s.contact.email, to: address, date: soon(), inReplyTo: s.messageId }),
            );
            await eventually(
              `the reply from ${s.contact.email} to finish its enrollment`,
              async () => (await w.enrollment(s.enrollmentId)).status === 'finished',
            );
          }
        }),
      );
    } finally {
      await r.stop();
    }
  }, 120_000);

  it('an IDLE connection that goes silent without closing is found by its NOOP and reopened', async () => {
    const proxy = await startTcpProxy(imap.port);
    const { id, address } = await linked(proxy.port);
    try {
      await w.syncOnce(id);
      const s = await w.started(id);
      const r = running('idle-worker-4', { keepaliveMs: 200, keepaliveTimeoutMs: 300 });
      try {
        await eventually('the IDLE connection', () => r.idle.connected().includes(id));
        // The sync that opening INBOX asks for runs on a connection of its own; wait until only IDLE's is left.
        await eventually('only the IDLE connection open', async () => proxy.open() === 1);
        proxy.freeze();
        await eventually('the silent connection to be given up', () => !r.idle.connected().includes(id));
        await eventually('IDLE to reconnect', () => r.idle.connected().includes(id));
        await imap.deliver(
          address,
          PASSWORD,
          'INBOX',
          plainMail({ from: s.contact.email, to: address, date: soon(), inReplyTo: s.messageId }),
        );
        await eventually(
          'the enrollment to finish',
          async () => (await w.enrollment(s.enrollmentId)).status === 'finished',
        );
      } finally {
        await r.stop();
      }
    } finally {
      await proxy.close();
    }
  }, 60_000);

  // Last: it restarts the server under every connection.
  it('a dropped IDLE connection reconnects, and mail that lands after it is still seen at once', async () => {
    const { id, address } = await linked();
    await w.syncOnce(id);
    const s = await w.started(id);
    const r = running('idle-worker-2');
    try {
      await eventually('the IDLE connection', () => r.idle.connected().includes(id));
      await imap.restart();
      await eventually('the connection to drop', () => !r.idle.connected().includes(id));
      await eventually('IDLE to reconnect', () => r.idle.connected().includes(id));
      await imap.deliver(
        address,
        PASSWORD,
        'INBOX',
        plainMail({ from: s.contact.email, to: address, date: soon(), inReplyTo: s.messageId }),
      );
      await eventually(
        'the enrollment to finish',
        async () => (await w.enrollment(s.enrollmentId)).status === 'finished',
      );
    } finally {
      await r.stop();
    }
  }, 60_000);
});

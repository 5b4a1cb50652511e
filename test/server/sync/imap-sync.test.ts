import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestMessages } from '../../../server/sync/ingest';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { dovecotMissing, type RunningDovecot, startDovecot } from './helpers/dovecot';
import { deliveryReport, outOfOffice, plainMail } from './helpers/raw-mail';
import { MONDAY, syncWorld } from './helpers/sync-world';

if (dovecotMissing) console.warn(`IMAP sync tests skipped: ${dovecotMissing}`);

const PASSWORD = 'imap-secret-1';

describe.skipIf(dovecotMissing !== null).each(backends)('IMAP sync against Dovecot (%s)', (backend) => {
  const t = useTestApp(backend, { now: MONDAY });
  const w = syncWorld(t);
  let imap: RunningDovecot;
  let mailboxId: string;
  let n = 0;

  beforeAll(async () => {
    imap = await startDovecot();
    // Every user up front: Dovecot re-reads the passwd-file by its mtime, which a quick append can miss.
    for (let i = 1; i <= 12; i++) await imap.addUser(`rep${i}@stride.test`, PASSWORD);
  }, 30_000);
  afterAll(async () => {
    await imap?.stop();
  });

  /** A fresh IMAP user and smtp mailbox per test, so folders and cursors do not mix. */
  async function linked() {
    const address = `rep${++n}@stride.test`;
    mailboxId = await w.mailbox('smtp', address, {
      host: 'smtp.stride.test',
      port: 587,
      imap: { host: 'imap.stride.test', port: imap.port, secure: false, password: PASSWORD },
    });
    return address;
  }
  /** Mail written a minute from now: after our sends, whatever earlier tests did to the shared clock. */
  const soon = () => new Date(t.clock.now().getTime() + 60_000);
  const resolveToDovecot = {
    resolveHost: async (host: string) => (host === 'imap.stride.test' ? '127.0.0.1' : host),
  };

  it('a reply in INBOX finishes, an out-of-office in Junk pauses, a delivery report bounces; nothing is marked read', async () => {
    const address = await linked();
    const ws = syncWorld(t, resolveToDovecot);
    await ws.syncOnce(mailboxId); // first sync: empty mailbox, cursor set
    const replied = await ws.started(mailboxId);
    const away = await ws.started(mailboxId);
    const bounced = await ws.started(mailboxId);
    await imap.deliver(
      address,
      PASSWORD,
      'INBOX',
      plainMail({ from: replied.contact.email, to: address, date: soon(), inReplyTo: replied.messageId }),
    );
    await imap.deliver(
      address,
      PASSWORD,
      'Junk',
      outOfOffice({ from: away.contact.email, to: address, date: soon() }),
    );
    await imap.deliver(
      address,
      PASSWORD,
      'INBOX',
      deliveryReport({
        to: address,
        failed: bounced.contact.email,
        originalMessageId: bounced.messageId,
        date: soon(),
      }),
    );
    t.clock.advance(2 * 60_000);

    const result = await ws.syncOnce(mailboxId);
    expect(result.state).toBe('ok');
    expect((await ws.enrollment(replied.enrollmentId)).status).toBe('finished');
    const paused = await ws.enrollment(away.enrollmentId);
    expect(paused.status).toBe('paused');
    // "until Friday, December 11th": back Saturday 12th at 09:00 in the contact's New York.
    expect(paused.resumeAt?.toISOString()).toBe('2026-12-12T14:00:00.000Z');
    expect((await ws.enrollment(bounced.enrollmentId)).status).toBe('bounced');

    const history = await ws.history(replied.enrollmentId);
    const reply = history.find((a) => a.kind === 'email.replied');
    expect(reply?.data.seenIn).toEqual({ via: 'sync', mailboxId, address, folder: 'INBOX' });
    const ooo = (await ws.history(away.enrollmentId)).find((a) => a.kind === 'email.out_of_office');
    expect(ooo?.data.seenIn).toMatchObject({ folder: 'Junk' });

    // Read-only: no \Seen flag on anything the sync fetched.
    for (const folder of ['INBOX', 'Junk']) {
      for (const flags of await imap.flags(address, PASSWORD, folder)) expect(flags).not.toContain('\\Seen');
    }
    const state = await ws.syncState(mailboxId);
    expect(state?.lastError).toBeNull();
    expect(state?.lastSyncedAt?.toISOString()).toBe(t.clock.now().toISOString());
    const shown = await t.call('GET', `/api/mailboxes/${mailboxId}`);
    expect(shown.body.sync).toEqual({ state: 'ok', lastSyncedAt: t.clock.now().toISOString() });
    expect(shown.body.settingsHints).toMatchObject({ imapHost: 'imap.stride.test', imapHasPassword: true });
    expect(JSON.stringify(shown.body)).not.toContain(PASSWORD);

    // Nothing new: a second sync reads nothing and applies nothing.
    const again = await ws.syncOnce(mailboxId);
    expect(again).toMatchObject({ state: 'ok', report: { fetched: 0, ingested: 0, events: [] } });
  }, 30_000);

  it('a UIDVALIDITY change rescans the folder and applies nothing twice', async () => {
    const address = await linked();
    const ws = syncWorld(t, resolveToDovecot);
    await ws.syncOnce(mailboxId);
    const first = await ws.started(mailboxId);
    const second = await ws.started(mailboxId);
    await imap.deliver(
      address,
      PASSWORD,
      'INBOX',
      outOfOffice({ from: first.contact.email, to: address, date: soon() }),
    );
    const one = await ws.syncOnce(mailboxId);
    expect(one).toMatchObject({ state: 'ok', report: { ingested: 1 } });
    const before = (await ws.syncState(mailboxId))?.cursor as {
      folders: Record<string, { uidValidity: string }>;
    };

    await imap.renumber(address, 'INBOX');
    await imap.deliver(
      address,
      PASSWORD,
      'INBOX',
      plainMail({ from: second.contact.email, to: address, date: soon(), inReplyTo: second.messageId }),
    );
    const two = await ws.syncOnce(mailboxId);
    expect(two.state).toBe('ok');
    if (two.state !== 'ok') return;
    // Both messages were read again under the new UIDs; only the new one was applied.
    expect(two.report).toMatchObject({ fetched: 2, duplicates: 1, ingested: 1 });
    const after = (await ws.syncState(mailboxId))?.cursor as {
      folders: Record<string, { uidValidity: string }>;
    };
    expect(after.folders.INBOX?.uidValidity).not.toBe(before.folders.INBOX?.uidValidity);
    expect((await ws.enrollment(second.enrollmentId)).status).toBe('finished');
    expect(
      (await ws.history(first.enrollmentId)).filter((a) => a.kind === 'email.out_of_office'),
    ).toHaveLength(1);
  }, 30_000);

  it('a worker that dies mid-mailbox leaves the cursor behind; the next worker re-reads and applies each message once', async () => {
    const address = await linked();
    const ws = syncWorld(t, resolveToDovecot);
    expect(await ws.syncOnce(mailboxId)).toMatchObject({ state: 'ok' });
    const a = await ws.started(mailboxId);
    const b = await ws.started(mailboxId);
    await imap.deliver(
      address,
      PASSWORD,
      'INBOX',
      plainMail({ from: a.contact.email, to: address, date: soon(), inReplyTo: a.messageId }),
    );
    await imap.deliver(
      address,
      PASSWORD,
      'INBOX',
      plainMail({ from: b.contact.email, to: address, date: soon(), inReplyTo: b.messageId }),
    );
    // Worker 1 reads two messages per pull but dies after applying the first of them.
    const crashed = await ws
      .syncOnce(mailboxId, 'worker-1', {
        sourceFor: (m, settings) => {
          const real = ws.deps('worker-1').sourceFor(m, settings);
          if (!real) return null;
          return {
            pull: async (cursor, ctx) => {
              const r = await real.pull(cursor, ctx);
              await ingestMessages(t.db.database.db, m, r.messages.slice(0, 1), { now: t.clock.now });
              throw new Error('worker killed');
            },
            close: () => real.close(),
          };
        },
      })
      .catch((e: Error) => e);
    expect(crashed).toMatchObject({ state: 'error' });
    expect((await ws.enrollment(a.enrollmentId)).status).toBe('finished');
    expect((await ws.enrollment(b.enrollmentId)).status).toBe('active');

    t.clock.advance(10 * 60_000);
    const next = await ws.syncOnce(mailboxId, 'worker-2');
    expect(next).toMatchObject({ state: 'ok', report: { fetched: 2, duplicates: 1, ingested: 1 } });
    expect((await ws.enrollment(b.enrollmentId)).status).toBe('finished');
    expect((await ws.history(a.enrollmentId)).filter((x) => x.kind === 'email.replied')).toHaveLength(1);
  }, 30_000);

  it('a refused password puts the mailbox in inactive with a reason a person can act on', async () => {
    const address = `rep${++n}@stride.test`;
    const id = await w.mailbox('smtp', address, {
      host: 'smtp.stride.test',
      port: 587,
      imap: { host: '127.0.0.1', port: imap.port, secure: false, password: 'wrong' },
    });
    const r = await w.syncOnce(id);
    expect(r.state).toBe('error');
    const row = await w.mailboxRow(id);
    expect(row?.status).toBe('inactive');
    expect(row?.inactiveReason).toMatch(/refused the user name or password.*Enter the current password/);
    const shown = await t.call('GET', `/api/mailboxes/${id}`);
    expect(shown.body.sync.state).toBe('error');
    expect(shown.body.sync.error).toMatch(/refused the user name or password/);
  }, 30_000);

  it('an smtp mailbox without IMAP settings is not read', async () => {
    const id = await w.mailbox('smtp', `rep${++n}@stride.test`, { host: 'smtp.stride.test', port: 587 });
    expect(await w.syncOnce(id)).toEqual({ state: 'off' });
    expect((await t.call('GET', `/api/mailboxes/${id}`)).body.sync).toEqual({ state: 'off' });
    const list = await t.call('GET', '/api/mailboxes?limit=100');
    expect(list.body.items.find((m: { id: string }) => m.id === id)?.sync).toEqual({ state: 'off' });
  });

  // Last: it restarts the server under every connection.
  it('a dropped connection mid-sync is an error in words; the next sync picks up where the last good one ended', async () => {
    const address = await linked();
    const ws = syncWorld(t, resolveToDovecot);
    await ws.syncOnce(mailboxId);
    const s = await ws.started(mailboxId);
    await imap.deliver(
      address,
      PASSWORD,
      'INBOX',
      plainMail({ from: s.contact.email, to: address, date: soon(), inReplyTo: s.messageId }),
    );
    // The server goes away between listing the folders and reading them.
    const dropped = await ws.syncOnce(mailboxId, 'worker-1', {
      sourceFor: (m, settings) => {
        const real = ws.deps('worker-1').sourceFor(m, settings);
        if (!real) return null;
        return {
          pull: async (cursor, ctx) => {
            const [r] = await Promise.allSettled([real.pull(cursor, ctx), imap.restart()]);
            if (r.status === 'rejected') throw r.reason;
            return r.value;
          },
          close: () => real.close(),
        };
      },
    });
    expect(dropped.state).toBe('error');
    if (dropped.state === 'error')
      expect(dropped.error.message).toMatch(/Could not read the mailbox over IMAP at imap\.stride\.test/);
    expect((await ws.syncState(mailboxId))?.lastError).toMatch(/IMAP/);
    expect((await ws.mailboxRow(mailboxId))?.status).toBe('active');
    expect((await ws.enrollment(s.enrollmentId)).status).toBe('active');

    t.clock.advance(10 * 60_000);
    const recovered = await ws.syncOnce(mailboxId);
    expect(recovered).toMatchObject({ state: 'ok', report: { ingested: 1 } });
    expect((await ws.enrollment(s.enrollmentId)).status).toBe('finished');
    expect((await ws.syncState(mailboxId))?.lastError).toBeNull();
  }, 30_000);
});

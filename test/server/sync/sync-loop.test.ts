import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resumeDueEnrollments } from '../../../server/domain/enrollments/lifecycle';
import { claimDueMailboxes } from '../../../server/sync/claim-mailboxes';
import { syncMailbox } from '../../../server/sync/sync-mailbox';
import { type TestApp, useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { createGmailStandIn, GOOGLE_CLIENT } from '../providers/stand-ins/gmail';
import { createGraphStandIn } from '../providers/stand-ins/graph';
import { type RunningStandIn, serveStandIn } from '../providers/stand-ins/serve';
import { dovecotMissing, type RunningDovecot, startDovecot } from './helpers/dovecot';
import { deliveryReport, outOfOffice, plainMail } from './helpers/raw-mail';
import { MONDAY, syncWorld } from './helpers/sync-world';

/** One kind of mailbox as the loop sees it: link one, and make mail land in it (inbox or junk). */
interface Source {
  name: 'gmail' | 'outlook' | 'imap';
  start(): Promise<void>;
  stop(): Promise<void>;
  link(w: ReturnType<typeof syncWorld>, n: number): Promise<{ id: string; address: string }>;
  land(address: string, raw: string, at: Date, junk?: boolean): Promise<void>;
  sourceDeps?: Parameters<typeof syncWorld>[1];
}

function gmailSource(): Source {
  const s = createGmailStandIn({ accessToken: 'ya29.loop', refreshToken: '1//loop' });
  let running: RunningStandIn;
  return {
    name: 'gmail',
    start: async () => {
      running = await serveStandIn(s.app);
    },
    stop: () => running.close(),
    async link(w, n) {
      const address = `loop${n}@stride-gmail.test`;
      const id = await w.mailbox('gmail', address, {
        accessToken: 'ya29.loop',
        refreshToken: '1//loop',
        clientId: GOOGLE_CLIENT.id,
        clientSecret: GOOGLE_CLIENT.secret,
        apiBaseUrl: running.url,
        tokenUrl: `${running.url}/token`,
      });
      return { id, address };
    },
    async land(_address, raw, at, junk) {
      s.mailbox.deliver(raw, { at, ...(junk && { labelIds: ['SPAM'] }) });
    },
  };
}

function graphSource(): Source {
  const s = createGraphStandIn({ accessToken: 'EwB.loop', refreshToken: 'M.C5.loop' });
  let running: RunningStandIn;
  return {
    name: 'outlook',
    start: async () => {
      running = await serveStandIn(s.app);
    },
    stop: () => running.close(),
    async link(w, n) {
      const address = `loop${n}@stride-outlook.test`;
      const id = await w.mailbox('outlook', address, {
        accessToken: 'EwB.loop',
        refreshToken: 'M.C5.loop',
        apiBaseUrl: running.url,
        tokenUrl: `${running.url}/token`,
      });
      return { id, address };
    },
    async land(_address, raw, at, junk) {
      s.mailbox.deliver(raw, { at, folder: junk ? 'junkemail' : 'inbox' });
    },
  };
}

function imapSource(): Source {
  let imap: RunningDovecot;
  const PASSWORD = 'loop-secret';
  return {
    name: 'imap',
    start: async () => {
      imap = await startDovecot();
      for (let i = 1; i <= 6; i++) await imap.addUser(`loop${i}@stride.test`, PASSWORD);
    },
    stop: () => imap.stop(),
    async link(w, n) {
      const address = `loop${n}@stride.test`;
      const id = await w.mailbox('smtp', address, {
        host: 'smtp.stride.test',
        port: 587,
        imap: { host: '127.0.0.1', port: imap.port, secure: false, password: PASSWORD },
      });
      return { id, address };
    },
    async land(address, raw, _at, junk) {
      await imap.deliver(address, PASSWORD, junk ? 'Junk' : 'INBOX', raw);
    },
  };
}

const sources: [string, () => Source][] = [
  ['gmail', gmailSource],
  ['outlook', graphSource],
  ...(dovecotMissing === null ? ([['imap', imapSource]] as [string, () => Source][]) : []),
];

function loop(backend: (typeof backends)[number], sourceName: string, make: () => Source) {
  describe(`the whole loop, ${sourceName} (${backend})`, () => {
    const t: TestApp = useTestApp(backend, { now: MONDAY });
    const src = make();
    const w = syncWorld(t);
    let n = 0;
    beforeAll(() => src.start(), 30_000);
    afterAll(() => src.stop());
    const soon = () => new Date(t.clock.now().getTime() + 60_000);

    it('enroll -> step sent -> a reply lands -> finished; an out-of-office -> paused until its date -> resumes; a DSN -> bounced', async () => {
      const { id, address } = await src.link(w, ++n);
      await w.syncOnce(id);
      const replied = await w.started(id);
      const away = await w.started(id);
      const bounced = await w.started(id);
      const at = soon();
      await src.land(
        address,
        plainMail({ from: replied.contact.email, to: address, date: at, inReplyTo: replied.messageId }),
        at,
      );
      await src.land(address, outOfOffice({ from: away.contact.email, to: address, date: at }), at, true);
      await src.land(
        address,
        deliveryReport({
          to: address,
          failed: bounced.contact.email,
          originalMessageId: bounced.messageId,
          date: at,
        }),
        at,
      );
      t.clock.advance(2 * 60_000);
      expect(await w.syncOnce(id)).toMatchObject({ state: 'ok', report: { ingested: 3 } });

      expect((await w.enrollment(replied.enrollmentId)).status).toBe('finished');
      const history = await w.history(replied.enrollmentId);
      expect(history.find((a) => a.kind === 'email.replied')?.data.seenIn).toMatchObject({
        via: 'sync',
        mailboxId: id,
      });
      expect((await w.enrollment(bounced.enrollmentId)).status).toBe('bounced');
      const paused = await w.enrollment(away.enrollmentId);
      expect(paused.status).toBe('paused');
      expect(paused.resumeAt?.toISOString()).toBe('2026-12-12T14:00:00.000Z');

      // Nothing resumes early; on the day, the scheduler's resume pass takes it up again.
      expect(await resumeDueEnrollments(t.db.database.db, t.clock.now())).toBe(0);
      t.clock.set(new Date('2026-12-12T14:00:01.000Z'));
      expect(await resumeDueEnrollments(t.db.database.db, t.clock.now())).toBeGreaterThanOrEqual(1);
      expect((await w.enrollment(away.enrollmentId)).status).toBe('active');
    }, 60_000);

    it('a reply from the enrolled contact before the first step went out finishes the enrollment; its history says where it was seen', async () => {
      const { id, address } = await src.link(w, ++n);
      await w.syncOnce(id);
      const e = await w.enrolled(id);
      const at = soon();
      await src.land(
        address,
        plainMail({ from: e.contact.email, to: address, date: at, subject: 'Saw your post' }),
        at,
      );
      t.clock.advance(2 * 60_000);
      expect(await w.syncOnce(id)).toMatchObject({ state: 'ok', report: { ingested: 1 } });
      expect(await w.enrollment(e.enrollmentId)).toMatchObject({
        status: 'finished',
        finishedReason: 'replied',
      });
      const replied = (await w.history(e.enrollmentId)).find((a) => a.kind === 'email.replied');
      expect(replied?.data.seenIn).toMatchObject({ via: 'sync', mailboxId: id, address });
      expect(replied?.data.messageId).toMatch(/@mail\.example>?$/);
    }, 60_000);

    it('two workers reading one mailbox at once (a lease ran out under the first) apply each message once', async () => {
      const { id, address } = await src.link(w, ++n);
      await w.syncOnce(id);
      const a = await w.started(id);
      const b = await w.started(id);
      const at = soon();
      await src.land(
        address,
        plainMail({ from: a.contact.email, to: address, date: at, inReplyTo: a.messageId }),
        at,
      );
      await src.land(address, outOfOffice({ from: b.contact.email, to: address, date: at }), at);
      t.clock.advance(2 * 60_000);
      const db = t.db.database.db;
      const claim = async (owner: string) => {
        const got = await claimDueMailboxes(db, { now: t.clock.now(), owner, leaseMs: 60_000, limit: 1000 });
        expect(got).toContain(id);
      };
      await claim('worker-1');
      t.clock.advance(61_000); // worker 1's lease runs out before it is done
      await claim('worker-2');
      const [one, two] = await Promise.all([
        syncMailbox(w.deps('worker-1'), id),
        syncMailbox(w.deps('worker-2'), id),
      ]);
      const states = [one.state, two.state].sort();
      expect(states).toEqual(['lost', 'ok']);
      const ingested = [one, two].reduce((sum, r) => sum + (r.state === 'ok' ? r.report.ingested : 0), 0);
      expect(ingested).toBeLessThanOrEqual(2);
      expect((await w.enrollment(a.enrollmentId)).status).toBe('finished');
      expect((await w.history(a.enrollmentId)).filter((x) => x.kind === 'email.replied')).toHaveLength(1);
      expect((await w.history(b.enrollmentId)).filter((x) => x.kind === 'email.out_of_office')).toHaveLength(
        1,
      );
    }, 60_000);
  });
}

for (const backend of backends) for (const [name, make] of sources) loop(backend, name, make);

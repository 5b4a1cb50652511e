import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  activities,
  contacts,
  emails,
  observedMessages,
  syncedMessages,
  users,
} from '../../../server/db/schema';
import { type IngestReport, ingestMessages, type SyncMailbox } from '../../../server/sync/ingest';
import type { FetchedMessage } from '../../../server/sync/mail-source';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { deliveryReport, outOfOffice, plainMail } from './helpers/raw-mail';
import { MONDAY, syncWorld } from './helpers/sync-world';

/** A delay notice: the server is still trying ("will retry"), so nothing bounced. */
function delayNotice(o: { to: string; failed: string; originalMessageId: string; date: Date }): string {
  return deliveryReport(o)
    .replace('Subject: Undelivered Mail Returned to Sender', 'Subject: Delayed Mail (still being retried)')
    .replace(
      "I'm sorry to have to inform you that your message could not be delivered.",
      'Your message could not be delivered for 4 hours. It will be retried until it is 5 days old.',
    )
    .replace(
      'host mx.brightlane.example said: 550 5.1.1 User unknown',
      'connect to mx.brightlane.example: Connection timed out',
    )
    .replace('Action: failed', 'Action: delayed')
    .replace('Status: 5.1.1', 'Status: 4.4.1')
    .replace(
      'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
      'Will-Retry-Until: Sat, 5 Dec 2026 14:00:00 +0000',
    );
}

describe.each(backends)(
  'one pull planned and applied together gives what reading it message by message gives (%s)',
  (backend) => {
    const t = useTestApp(backend, { now: MONDAY });
    const w = syncWorld(t);

    async function target(address: string): Promise<SyncMailbox> {
      const id = await w.mailbox('smtp', address, { host: 'smtp.stride.test', port: 587 });
      const [u] = await t.db.database.db.select().from(users).where(eq(users.email, 'admin@example.test'));
      if (!u) throw new Error('no admin');
      return {
        id,
        teamId: u.teamId,
        provider: 'smtp',
        address,
        owner: { id: u.id, teamId: u.teamId, email: u.email, name: u.name, role: u.role },
      };
    }

    /**
     * Seven started enrollments and the mail one pull brings for them: a reply; an out-of-office; an
     * out-of-office then a reply from one contact; two replies from one contact (the second finds the
     * enrollment finished); a bounce report; a delay notice; the rep's own message to a contact;
     * unrelated mail; and one message twice.
     */
    async function scenario(mailbox: SyncMailbox) {
      const s = [];
      for (let i = 0; i < 7; i++) s.push(await w.started(mailbox.id));
      const at = (minutes: number) => new Date(t.clock.now().getTime() + minutes * 60_000);
      const to = mailbox.address;
      type Started = (typeof s)[number];
      const [r1, r2, r3, r4, r5, r6, r7] = s as [
        Started,
        Started,
        Started,
        Started,
        Started,
        Started,
        Started,
      ];
      const raws = [
        plainMail({ from: r1.contact.email, to, date: at(1), inReplyTo: r1.messageId }),
        outOfOffice({ from: r2.contact.email, to, date: at(2), inReplyTo: r2.messageId }),
        outOfOffice({ from: r3.contact.email, to, date: at(3), inReplyTo: r3.messageId }),
        plainMail({ from: r3.contact.email, to, date: at(4), inReplyTo: r3.messageId }),
        plainMail({ from: r4.contact.email, to, date: at(5), inReplyTo: r4.messageId }),
        plainMail({ from: r4.contact.email, to, date: at(6), subject: 'Another thing' }),
        deliveryReport({
          to,
          failed: r5.contact.email,
          originalMessageId: r5.messageId,
          date: at(7),
        }),
        delayNotice({
          to,
          failed: r6.contact.email,
          originalMessageId: r6.messageId,
          date: at(8),
        }),
        plainMail({ from: to, to: r7.contact.email, date: at(9), subject: 'Re: Quick question' }),
        plainMail({ from: 'someone@elsewhere.example', to, date: at(10), subject: 'Minutes' }),
        plainMail({ from: 'news@letters.example', to, date: at(11), subject: 'Weekly digest' }),
      ];
      const messages: FetchedMessage[] = raws.map((raw) => ({
        providerId: `INBOX/1/${randomUUID()}`,
        folder: 'INBOX',
        receivedAt: t.clock.now(),
        raw,
      }));
      // The same message twice in one pull (a duplicate page).
      messages.push({ ...(messages[0] as FetchedMessage), providerId: `INBOX/1/${randomUUID()}` });
      return { started: s, messages };
    }

    /** Everything the pull changed, with ids replaced by each row's place in the scenario. */
    async function outcome(
      mailbox: SyncMailbox,
      sc: Awaited<ReturnType<typeof scenario>>,
      reports: IngestReport[],
    ) {
      const db = t.db.database.db;
      const per = [];
      for (const s of sc.started) {
        const e = await w.enrollment(s.enrollmentId);
        const mails = await db.select().from(emails).where(eq(emails.enrollmentId, s.enrollmentId));
        const [c] = await db.select().from(contacts).where(eq(contacts.id, s.contact.id));
        const acts = await db
          .select()
          .from(activities)
          .where(
            and(
              eq(activities.enrollmentId, s.enrollmentId),
              inArray(activities.kind, [
                'email.replied',
                'email.out_of_office',
                'email.bounced',
                'email.auto_replied',
              ]),
            ),
          );
        per.push({
          status: e.status,
          pausedReason: e.pausedReason,
          resumeAt: e.resumeAt?.toISOString() ?? null,
          emails: mails.map((m) => m.status).sort(),
          bounced: c?.bouncedAt != null,
          activities: acts
            .map((a) => {
              const d = a.data as Record<string, unknown>;
              return [
                a.kind,
                d.kind,
                d.evidence,
                d.finished,
                d.outcome,
                d.resumeAt,
                (d.seenIn as { folder?: string })?.folder,
              ].join('|');
            })
            .sort(),
        });
      }
      const synced = await db.select().from(syncedMessages).where(eq(syncedMessages.mailboxId, mailbox.id));
      const observed = await db
        .select()
        .from(observedMessages)
        .where(eq(observedMessages.teamId, mailbox.teamId));
      const observedKeys = new Set(observed.map((o) => o.messageKey));
      const ids = sc.messages.map((m) => /^Message-ID: (<[^>]+>)/m.exec(String(m.raw))?.[1] ?? '');
      const enrollmentPlace = new Map(sc.started.map((s, i) => [s.enrollmentId, i]));
      return {
        per,
        synced: synced.map((r) => `${ids.indexOf(r.messageKey.replace(/^rfc:/, ''))}:${r.kind}`).sort(),
        observed: observed
          .filter((o) => ids.some((id) => o.messageKey.includes(id)))
          .map(
            (o) =>
              `${ids.findIndex((id) => o.messageKey.includes(id))}:${o.kind}:${o.enrollmentId ? enrollmentPlace.get(o.enrollmentId) : '-'}`,
          )
          .sort(),
        observedCount: [...observedKeys].filter((k) => ids.some((id) => k.includes(id))).length,
        totals: reports.reduce(
          (a, r) => ({
            fetched: a.fetched + r.fetched,
            duplicates: a.duplicates + r.duplicates,
            ingested: a.ingested + r.ingested,
            events: a.events + r.events.length,
          }),
          { fetched: 0, duplicates: 0, ingested: 0, events: 0 },
        ),
      };
    }

    it('the same mail, one message per pull and all in one pull, leaves the same rows', async () => {
      const deps = { now: t.clock.now };
      const one = await target('single@stride.test');
      const a = await scenario(one);
      const singleReports = [];
      for (const m of a.messages) singleReports.push(await ingestMessages(t.db.database.db, one, [m], deps));

      const all = await target('batch@stride.test');
      const b = await scenario(all);
      const batchReport = await ingestMessages(t.db.database.db, all, b.messages, deps);

      const single = await outcome(one, a, singleReports);
      const batched = await outcome(all, b, [batchReport]);
      expect(batched).toEqual(single);

      // And what that is: the rows say each case was read right.
      const [reply, ooo, oooThenReply, twice, bounce, delay, own] = batched.per;
      expect(reply).toMatchObject({ status: 'finished' });
      expect(ooo).toMatchObject({
        status: 'paused',
        pausedReason: 'out_of_office',
        resumeAt: expect.any(String),
      });
      expect(oooThenReply).toMatchObject({ status: 'finished' });
      expect(twice?.status).toBe('finished');
      expect(twice?.activities.filter((x) => x.startsWith('email.replied'))).toHaveLength(1);
      expect(bounce).toMatchObject({ status: 'bounced', bounced: true });
      expect(bounce?.emails).toContain('bounced');
      // A delay notice ("will retry") is not a bounce; the rep's own message is never a reply.
      expect(delay).toMatchObject({ status: 'active', bounced: false });
      expect(delay?.activities.some((x) => x.startsWith('email.bounced'))).toBe(false);
      expect(own).toMatchObject({ status: 'active', activities: [] });
      expect(batched.totals).toEqual({ fetched: 12, duplicates: 1, ingested: 11, events: 5 });

      // Read again (a restart that lost the cursor): nothing is applied twice.
      const again = await ingestMessages(t.db.database.db, all, b.messages, deps);
      expect(again).toMatchObject({ ingested: 0, duplicates: 12, events: [] });
      expect(await outcome(all, b, [batchReport])).toEqual(batched);
    });
  },
);

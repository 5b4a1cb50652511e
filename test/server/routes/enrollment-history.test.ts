import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../../server/db/schema';
import { ingestMessages } from '../../../server/sync/ingest';
import { historyWords } from '../../../shared/history/history-words';
import type { TimelineItem } from '../../../shared/schemas/timeline';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { outOfOffice, plainMail } from '../sync/helpers/raw-mail';
import { MONDAY, syncWorld } from '../sync/helpers/sync-world';

/**
 * Each enrollment's history says which message finished or paused it and where Stride saw it; the
 * history route and the contact's timeline both return those rows, with `seenIn`.
 */
describe.each(backends)('GET /api/enrollments/:id/history (%s)', (backend) => {
  const t = useTestApp(backend, { now: MONDAY });
  const w = syncWorld(t);
  let n = 0;

  async function syncMailbox() {
    const address = `rep-history${++n}@stride.test`;
    const id = await w.mailbox('smtp', address, {});
    const [admin] = await t.db.database.db.select().from(users).where(eq(users.email, 'admin@example.test'));
    if (!admin) throw new Error('no admin');
    const owner = {
      id: admin.id,
      teamId: admin.teamId,
      email: admin.email,
      name: admin.name,
      role: 'admin' as const,
    };
    return { id, address, mailbox: { id, teamId: admin.teamId, provider: 'smtp' as const, address, owner } };
  }
  const history = async (enrollmentId: string) => {
    const r = await t.call('GET', `/api/enrollments/${enrollmentId}/history`);
    expect(r.status).toBe(200);
    return r.body.items as TimelineItem[];
  };
  const soon = () => new Date(t.clock.now().getTime() + 10 * 60_000);

  it('returns a synced reply, a page-observed reply and a synced out-of-office with where each was seen', async () => {
    const { id, address, mailbox } = await syncMailbox();
    const synced = await w.started(id);
    const paged = await w.started(id);
    const away = await w.started(id);
    t.clock.advance(5 * 60_000);

    const report = await ingestMessages(
      t.db.database.db,
      mailbox,
      [
        {
          providerId: 'INBOX/1/1',
          folder: 'INBOX',
          raw: plainMail({
            from: synced.contact.email,
            to: address,
            date: soon(),
            inReplyTo: synced.messageId,
          }),
        },
        {
          providerId: 'Junk/1/1',
          folder: 'Junk',
          raw: outOfOffice({ from: away.contact.email, to: address, date: soon() }),
        },
      ],
      { now: t.clock.now },
    );
    expect(report.ingested).toBe(2);
    const observed = await t.call('POST', '/api/threads/observe', {
      body: {
        host: 'outlook',
        threadId: 'conv-history-1',
        subject: 'Re: Quick question',
        messages: [
          {
            messageId: '<page-reply@brightlane.example>',
            from: paged.contact.email,
            date: soon().toISOString(),
            text: 'Yes, Thursday works.',
            headers: { 'In-Reply-To': paged.messageId },
          },
        ],
      },
    });
    expect(observed.body).toEqual({ events: [{ enrollmentId: paged.enrollmentId, kind: 'reply' }] });

    const syncedItems = await history(synced.enrollmentId);
    expect(syncedItems.map((i) => i.kind)).toEqual(
      expect.arrayContaining(['email.replied', 'enrollment.finished', 'email.sent', 'enrollment.created']),
    );
    // Newest first, one enrollment's rows only.
    expect(syncedItems.every((i) => i.enrollmentId === synced.enrollmentId)).toBe(true);
    expect([...syncedItems].sort((a, b) => b.id.localeCompare(a.id))).toEqual(syncedItems);
    const syncedReply = syncedItems.find((i) => i.kind === 'email.replied');
    expect(syncedReply?.data).toMatchObject({
      from: synced.contact.email,
      finished: true,
      seenIn: { via: 'sync', mailboxId: id, address, folder: 'INBOX' },
    });
    expect(syncedReply && historyWords(syncedReply).detail).toMatch(
      new RegExp(
        `^Finished by a reply from ${synced.contact.email} seen in the mailbox ${address} \\(sync\\)`,
      ),
    );

    const pagedReply = (await history(paged.enrollmentId)).find((i) => i.kind === 'email.replied');
    expect(pagedReply?.data).toMatchObject({ seenIn: { via: 'page' }, host: 'outlook', finished: true });
    expect(pagedReply && historyWords(pagedReply).detail).toMatch(/seen in Outlook/);

    const awayItems = await history(away.enrollmentId);
    const ooo = awayItems.find((i) => i.kind === 'email.out_of_office');
    expect(ooo?.data).toMatchObject({
      outcome: 'pause',
      resumeAt: expect.any(String),
      seenIn: { via: 'sync', folder: 'Junk' },
    });
    expect(ooo && historyWords(ooo).detail).toMatch(
      /^Paused until .+ by an out-of-office answer from .+ \(in its junk folder\) \(sync\)/,
    );
    expect(awayItems.find((i) => i.kind === 'enrollment.paused')?.data).toMatchObject({
      reason: 'out_of_office',
    });

    // The contact's timeline carries the same row.
    const timeline = await t.call('GET', `/api/contacts/${synced.contact.id}/timeline`);
    expect(timeline.status).toBe(200);
    expect((timeline.body.items as TimelineItem[]).find((i) => i.kind === 'email.replied')).toEqual(
      syncedReply,
    );
  });

  it('pages with nextCursor, and is not found for a rep who cannot see the enrollment', async () => {
    const { id } = await syncMailbox();
    const e = await w.started(id);
    const all = await history(e.enrollmentId);
    expect(all.length).toBeGreaterThan(1);
    const first = await t.call('GET', `/api/enrollments/${e.enrollmentId}/history?limit=1`);
    expect(first.body.items).toEqual([all[0]]);
    const second = await t.call(
      'GET',
      `/api/enrollments/${e.enrollmentId}/history?limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items).toEqual([all[1]]);

    const rep = await t.createUser('rep');
    const hidden = await t.call('GET', `/api/enrollments/${e.enrollmentId}/history`, { token: rep.token });
    expect(hidden.status).toBe(404);
    const bad = await t.call('GET', `/api/enrollments/${e.enrollmentId}/history?limit=0`);
    expect(bad.status).toBe(400);
  });
});

import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { emails, enrollments } from '../../../server/db/schema';
import { deliverPending } from '../helpers/deliver-pending';
import { addContact, addMailbox, adminOf, createSequence, enrollIds } from '../helpers/enrollment-fixtures';
import { type TestApp, useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

const report = (t: TestApp, sequenceId: string, query = '', token?: string | null) =>
  t.call('GET', `/api/sequences/${sequenceId}/report${query}`, { token });

/** Sends the enrollment's pending email at `at`, the way a worker records a delivery. */
async function sendAt(t: TestApp, enrollmentId: string, at: string) {
  t.clock.set(at);
  return deliverPending(t.db.database.db, enrollmentId, `thread-${randomUUID()}`, t.clock.now());
}

/** The outcome a worker or a provider event leaves behind, written as they write it. */
async function markEmail(t: TestApp, enrollmentId: string, from: string, to: 'bounced' | 'not_sent') {
  const db = t.db.database.db;
  await db
    .update(emails)
    .set({ status: to, ...(to === 'not_sent' && { reason: 'likely_to_bounce' }) })
    .where(and(eq(emails.enrollmentId, enrollmentId), eq(emails.status, from as 'sent')));
  await db.update(enrollments).set({ status: to }).where(eq(enrollments.id, enrollmentId));
}

async function replyTo(t: TestApp, sent: { messageId: string }, from: string) {
  const r = await t.call('POST', '/api/threads/observe', {
    body: {
      host: 'gmail',
      threadId: `thread-${randomUUID()}`,
      messages: [
        {
          messageId: `<${randomUUID()}@reply.test>`,
          from,
          date: t.clock.now().toISOString(),
          text: 'Sounds good, let us talk next week.',
          headers: { 'In-Reply-To': sent.messageId, References: sent.messageId },
        },
      ],
    },
  });
  expect(r.body.events).toEqual([expect.objectContaining({ kind: 'reply' })]);
}

describe.each(backends)('GET /api/sequences/:id/report (%s)', (backend) => {
  const t = useTestApp(backend, { now: '2026-11-28T12:00:00Z' });

  beforeAll(async () => {
    const admin = await adminOf(t);
    await addMailbox(t, admin.id, 'admin@report.test');
  });

  it('counts the funnel per contact and finished contacts by reason', async () => {
    t.clock.set('2026-11-28T12:00:00Z');
    const steps = [1, 2, 3].map((n) => ({
      type: 'auto_email',
      waitMinutes: n,
      subject: 'Hi',
      body: 'Hello',
    }));
    const seq = await createSequence(t, { name: 'Funnel', steps });
    const people = await Promise.all(
      ['replied', 'meeting', 'bounced', 'held', 'removed', 'waiting'].map((n) =>
        addContact(t, { email: `${n}@funnel.test` }),
      ),
    );
    const [replied, meeting, bounced, held, removed] = await enrollIds(t, seq.id, people);
    if (!replied || !meeting || !bounced || !held || !removed) throw new Error('enrollment missing');

    const first = await sendAt(t, replied, '2026-11-28T12:00:00Z');
    await replyTo(t, first, 'Replied <replied@funnel.test>');
    await sendAt(t, meeting, '2026-11-28T13:00:00Z');
    await sendAt(t, meeting, '2026-11-28T14:00:00Z'); // its second step: two emails, one contact
    await t.call('POST', `/api/enrollments/${meeting}/finish`, { body: { reason: 'meeting_booked' } });
    await sendAt(t, bounced, '2026-11-28T15:00:00Z');
    await markEmail(t, bounced, 'sent', 'bounced');
    await markEmail(t, held, 'scheduled', 'not_sent');
    await t.call('DELETE', `/api/enrollments/${removed}`);

    const r = await report(t, seq.id);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      sequenceId: seq.id,
      timezone: 'UTC',
      // Removed contacts were enrolled; a bounce after sending was still an email that reached out.
      funnel: { enrolled: 6, emailed: 3, replied: 1, bounced: 1, notSent: 1 },
      emailsSent: 4,
      finishedBy: [
        { reason: 'meeting_booked', count: 1 },
        { reason: 'replied', count: 1 },
      ],
    });
    // The counts are the sequence's own: the GET of the sequence agrees on who is where.
    const counts = (await t.call('GET', `/api/sequences/${seq.id}`)).body.counts;
    expect(counts).toMatchObject({ finished: 2, bounced: 1, not_sent: 1, removed: 1, active: 1 });
  });

  it('counts a reply the ruleset did not finish on as replied, and an empty sequence as zeros', async () => {
    t.clock.set('2026-11-28T12:00:00Z');
    const seq = await createSequence(t, { name: 'Keeps going', ruleset: { finishOnReply: false } });
    const [id] = await enrollIds(t, seq.id, [await addContact(t, { email: 'chatty@reply.test' })]);
    if (!id) throw new Error('enrollment missing');
    await replyTo(t, await sendAt(t, id, '2026-11-28T16:00:00Z'), 'chatty@reply.test');
    expect((await t.call('GET', `/api/enrollments/${id}`)).body.status).toBe('active');
    const r = await report(t, seq.id);
    expect(r.body.funnel).toEqual({ enrolled: 1, emailed: 1, replied: 1, bounced: 0, notSent: 0 });
    expect(r.body.finishedBy).toEqual([]);

    const empty = await report(t, (await createSequence(t, { name: 'Empty' })).id, '?days=2');
    expect(empty.body).toEqual({
      sequenceId: expect.any(String),
      timezone: 'UTC',
      funnel: { enrolled: 0, emailed: 0, replied: 0, bounced: 0, notSent: 0 },
      emailsSent: 0,
      finishedBy: [],
      sendsPerDay: [
        { day: '2026-11-27', count: 0 },
        { day: '2026-11-28', count: 0 },
      ],
    });
  });

  it('buckets sends per calendar day of the requested zone, across a DST change', async () => {
    t.clock.set('2026-10-20T12:00:00Z');
    const seq = await createSequence(t, { name: 'Per day' });
    const at = [
      '2026-10-20T12:00:00Z', // before the period
      '2026-10-31T12:00:00Z', // Oct 31 everywhere
      '2026-11-01T03:30:00Z', // New York: Oct 31, 23:30 EDT
      '2026-11-01T04:30:00Z', // New York: Nov 1, 00:30 EDT
      '2026-11-02T04:30:00Z', // New York: Nov 1, 23:30 EST (the day after the clocks went back)
      '2026-11-02T05:30:00Z', // New York: Nov 2, 00:30 EST
    ];
    const contacts = await Promise.all(at.map(() => addContact(t)));
    const ids = await enrollIds(t, seq.id, contacts);
    for (const [i, id] of ids.entries()) await sendAt(t, id, at[i] as string);
    t.clock.set('2026-11-02T15:00:00Z');

    const utc = await report(t, seq.id, '?days=3');
    expect(utc.body.sendsPerDay).toEqual([
      { day: '2026-10-31', count: 1 },
      { day: '2026-11-01', count: 2 },
      { day: '2026-11-02', count: 2 },
    ]);
    const ny = await report(t, seq.id, '?days=3&tz=America/New_York');
    expect(ny.body.timezone).toBe('America/New_York');
    expect(ny.body.sendsPerDay).toEqual([
      { day: '2026-10-31', count: 2 },
      { day: '2026-11-01', count: 2 },
      { day: '2026-11-02', count: 1 },
    ]);
    // Tokyo is already on Nov 3: today there has no sends yet.
    const tokyo = await report(t, seq.id, '?days=2&tz=Asia/Tokyo');
    expect(tokyo.body.sendsPerDay).toEqual([
      { day: '2026-11-02', count: 2 },
      { day: '2026-11-03', count: 0 },
    ]);
    const fortnight = await report(t, seq.id);
    expect(fortnight.body.sendsPerDay).toHaveLength(14);
    expect(fortnight.body.sendsPerDay[0]).toEqual({ day: '2026-10-20', count: 1 });
    expect(fortnight.body.sendsPerDay.at(-1).day).toBe('2026-11-02');
    expect(fortnight.body.emailsSent).toBe(6);
  });

  it('follows the sequence’s visibility: strangers get 404, shared viewers the report', async () => {
    const owner = await t.createUser('rep');
    const viewer = await t.createUser('rep');
    const stranger = await t.createUser('rep');
    const seq = await createSequence(t, { name: 'Private' }, owner.token);
    await enrollIds(t, seq.id, [await addContact(t, { ownerId: owner.id })], owner.token);
    await t.call('POST', `/api/sequences/${seq.id}/share`, {
      token: owner.token,
      body: { userId: viewer.id, access: 'view' },
    });
    expect((await report(t, seq.id, '', owner.token)).body.funnel.enrolled).toBe(1);
    expect((await report(t, seq.id, '', viewer.token)).body.funnel.enrolled).toBe(1);
    expect((await report(t, seq.id)).status).toBe(200);
    const hidden = await report(t, seq.id, '', stranger.token);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('not_found');
    expect((await report(t, 'seq_nope')).status).toBe(404);
    expect((await report(t, seq.id, '', null)).status).toBe(401);
  });

  it('refuses an unknown zone or a period outside 1–366 days with a 400 naming the field', async () => {
    const seq = await createSequence(t, { name: 'Bad input' });
    for (const [query, path] of [
      ['?tz=Mars/Olympus', 'tz'],
      ['?tz=', 'tz'],
      ['?days=0', 'days'],
      ['?days=367', 'days'],
      ['?days=1.5', 'days'],
      ['?days=ten', 'days'],
    ]) {
      const r = await report(t, seq.id, query);
      expect(r.status, query).toBe(400);
      expect(r.body.error.details[0].path, query).toBe(path);
    }
  });
});

import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailboxes } from '../../../server/db/schema';
import { deliverPending } from '../helpers/deliver-pending';
import { type TestApp, useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

const STEPS = [
  { type: 'auto_email', waitMinutes: 0, subject: 'Quick question', body: 'Hi {{firstName | "there"}}' },
  { type: 'auto_email', waitMinutes: 2 * 24 * 60, threadMode: 'reply_previous', body: 'Following up' },
];

const later = (t: TestApp, minutes: number) =>
  new Date(t.clock.now().getTime() + minutes * 60_000).toISOString();

/**
 * Issue 15: mail the team writes itself is never a reply. Reps often enroll themselves, a colleague
 * or their own `+test` address to try a sequence, so each team address below is also an enrolled
 * contact: before, its message into a prospect's thread finished that test enrollment (and a
 * forwarded bounce notice bounced the prospect).
 */
describe.each(backends)('POST /api/threads/observe ignores the team’s own senders (%s)', (backend) => {
  const t = useTestApp(backend, { now: '2026-11-30T14:00:00Z' });
  let n = 0;
  const api = async (method: string, path: string, body?: unknown, token?: string) => {
    const r = await t.call(method, path, { body, ...(token && { token }) });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const contact = async (email: string) =>
    (await api('POST', '/api/contacts', { email, timezone: 'America/New_York', emailStatus: 'verified' }))
      .id as string;
  const enroll = async (contactId: string, mailboxId: string) => {
    const seq = await api('POST', '/api/sequences', { name: `Seq ${++n}`, active: true, steps: STEPS });
    const r = await api('POST', `/api/sequences/${seq.id}/enrollments`, {
      contactIds: [contactId],
      mailboxIds: [mailboxId],
      skipValidation: true,
    });
    return r.enrollments[0].id as string;
  };
  const status = async (id: string) => (await api('GET', `/api/enrollments/${id}`)).status as string;

  it('refuses an alias that is not an address with 400 naming it, and stores valid ones', async () => {
    const bad = await t.call('POST', '/api/mailboxes', {
      body: {
        provider: 'sandbox',
        address: 'bad-alias@stride.test',
        settings: { aliases: ['not an address'] },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: 'settings.aliases.0' })]);
    const ok = await api('POST', '/api/mailboxes', {
      provider: 'sandbox',
      address: 'good-alias@stride.test',
      settings: { aliases: ['Sales@Stride-Alias.test'] },
    });
    const [row] = await t.db.database.db.select().from(mailboxes).where(eq(mailboxes.id, ok.id));
    expect(row?.aliases).toEqual(['sales@stride-alias.test']);
    await api('PATCH', `/api/mailboxes/${ok.id}`, { settings: { aliases: null } });
    const [cleared] = await t.db.database.db.select().from(mailboxes).where(eq(mailboxes.id, ok.id));
    expect(cleared?.aliases).toBeNull();
  });

  it('a colleague’s mailbox, the rep’s +tag, an alias, a dotted gmail variant and a user email finish nothing; the contact still does', async () => {
    const rep = await api('POST', '/api/mailboxes', {
      provider: 'sandbox',
      address: 'rep-j@stride.test',
      settings: { aliases: ['sales@stride-alias.test'] },
    });
    const colleague = await t.createUser('rep', 'Colleague');
    const theirs = await api(
      'POST',
      '/api/mailboxes',
      { provider: 'sandbox', address: 'colleague-j@stride.test' },
      colleague.token,
    );
    await api(
      'POST',
      '/api/mailboxes',
      { provider: 'sandbox', address: 'first.last@gmail.com' },
      colleague.token,
    );
    expect(theirs.id).toBeTruthy();

    // The team's addresses, enrolled as contacts the way reps try out a sequence.
    const selfTests = await Promise.all(
      [
        'colleague-j@stride.test',
        'rep-j+test@stride.test',
        'sales@stride-alias.test',
        'firstlast@googlemail.com',
        colleague.email,
      ].map(async (email) => ({ email, enrollmentId: await enroll(await contact(email), rep.id) })),
    );

    const prospectEmail = `prospect-${randomUUID().slice(0, 8)}@northwind.example`;
    const prospect = await contact(prospectEmail);
    const enrollmentId = await enroll(prospect, rep.id);
    const threadId = `thread-${randomUUID()}`;
    const sent = await deliverPending(t.db.database.db, enrollmentId, threadId, t.clock.now());
    const inReply = { 'In-Reply-To': sent.messageId, References: sent.messageId };
    const ours = (from: string, minutes: number, text: string, headers: Record<string, string> = {}) => ({
      messageId: `<${randomUUID()}@stride.test>`,
      from,
      date: later(t, minutes),
      text,
      headers: { ...inReply, ...headers },
    });
    const teamMessages = [
      ours('Colleague <colleague-j@stride.test>', 5, 'Looping in: I cover Northwind, happy to help.'),
      ours('rep-j+test@stride.test', 6, 'Note to self: call them Thursday.'),
      ours('Sales <sales@stride-alias.test>', 7, "I'm out of the office until Friday, December 11th.", {
        'Auto-Submitted': 'auto-replied',
      }),
      ours('firstlast@googlemail.com', 8, 'Thanks, I will take a look.'),
      // A colleague forwards the bounce notice they got: it names the prospect, but is the team's mail.
      ours(
        colleague.email,
        9,
        `Your message to ${prospectEmail} couldn't be delivered. ${prospectEmail} wasn't found at northwind.example.`,
        { Subject: 'Undeliverable: Quick question', 'X-Failed-Recipients': prospectEmail },
      ),
    ];
    const observed = await t.call('POST', '/api/threads/observe', {
      body: { host: 'gmail', threadId, subject: 'Quick question', messages: teamMessages },
    });
    expect(observed.status).toBe(200);
    expect(observed.body.events).toEqual([]);
    expect(await status(enrollmentId)).toBe('active');
    for (const s of selfTests) expect([s.email, await status(s.enrollmentId)]).toEqual([s.email, 'active']);

    const reply = {
      messageId: `<${randomUUID()}@northwind.example>`,
      from: `Priya <${prospectEmail}>`,
      date: later(t, 10),
      text: 'Thanks, this sounds interesting. Can we talk Thursday?',
      headers: inReply,
    };
    const answered = await t.call('POST', '/api/threads/observe', {
      body: { host: 'gmail', threadId, subject: 'Quick question', messages: [...teamMessages, reply] },
    });
    expect(answered.status).toBe(200);
    expect(answered.body.events).toEqual([{ enrollmentId, kind: 'reply' }]);
    expect(await status(enrollmentId)).toBe('finished');
    for (const s of selfTests) expect(await status(s.enrollmentId)).toBe('active');
  });
});

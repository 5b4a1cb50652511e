import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../server/db/ids';
import {
  activities,
  bouncedAddresses,
  emails,
  mailboxes,
  observedMessages,
  users,
} from '../../../server/db/schema';
import { deliverPending } from '../helpers/deliver-pending';
import { type TestApp, useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

const STEPS = [
  { type: 'auto_email', waitMinutes: 0, subject: 'Quick question', body: 'Hi {{firstName | "there"}}' },
  { type: 'auto_email', waitMinutes: 2 * 24 * 60, threadMode: 'reply_previous', body: 'Following up' },
];

/** A rep's world: a mailbox, contacts, sequences, and first emails that really went out. */
function world(t: TestApp) {
  let n = 0;
  const db = () => t.db.database.db;
  return {
    async rep() {
      const [admin] = await db().select().from(users).where(eq(users.email, 'admin@example.test'));
      if (!admin) throw new Error('no admin');
      const address = `rep${++n}@stride.test`;
      const id = newId('mbx');
      await db()
        .insert(mailboxes)
        .values({ id, teamId: admin.teamId, userId: admin.id, provider: 'sandbox', address });
      return { user: admin, mailboxId: id, address };
    },
    async contact(extra: Record<string, unknown> = {}) {
      const email = `prospect${++n}@northwind.example`;
      const r = await t.call('POST', '/api/contacts', {
        body: { email, firstName: 'Priya', timezone: 'America/New_York', emailStatus: 'verified', ...extra },
      });
      expect(r.status).toBe(201);
      return { id: r.body.id as string, email };
    },
    async sequence(ruleset: Record<string, unknown> = {}) {
      const r = await t.call('POST', '/api/sequences', {
        body: { name: `Outbound ${++n}`, active: true, ruleset, steps: STEPS },
      });
      expect(r.status).toBe(201);
      return r.body.id as string;
    },
    async enroll(sequenceId: string, contactId: string, mailboxId: string) {
      const r = await t.call('POST', `/api/sequences/${sequenceId}/enrollments`, {
        body: { contactIds: [contactId], mailboxIds: [mailboxId], skipValidation: true },
      });
      expect(r.status).toBe(200);
      expect(r.body.enrollments).toHaveLength(1);
      return r.body.enrollments[0].id as string;
    },
    /** Sends the enrollment's scheduled email through the scheduler's own outcome path. */
    send: (enrollmentId: string, threadId: string) =>
      deliverPending(db(), enrollmentId, threadId, t.clock.now()),
    async enrollment(id: string) {
      const r = await t.call('GET', `/api/enrollments/${id}`);
      expect(r.status).toBe(200);
      return r.body;
    },
    async emailsOf(enrollmentId: string) {
      return db().select().from(emails).where(eq(emails.enrollmentId, enrollmentId));
    },
    async activitiesOf(enrollmentId: string, kind: string) {
      return db()
        .select()
        .from(activities)
        .where(and(eq(activities.enrollmentId, enrollmentId), eq(activities.kind, kind)));
    },
  };
}

const later = (t: TestApp, minutes: number) =>
  new Date(t.clock.now().getTime() + minutes * 60_000).toISOString();
const observe = (t: TestApp, body: unknown, token?: string) =>
  t.call('POST', '/api/threads/observe', { body, ...(token !== undefined && { token }) });

describe.each(backends)('POST /api/threads/observe (%s)', (backend) => {
  // Monday 09:00 in New York: inside the default window, so step one goes out at once.
  const t = useTestApp(backend, { now: '2026-11-30T14:00:00Z' });
  const w = world(t);

  async function sentEnrollment(ruleset: Record<string, unknown> = {}) {
    const rep = await w.rep();
    const contact = await w.contact();
    const sequenceId = await w.sequence(ruleset);
    const enrollmentId = await w.enroll(sequenceId, contact.id, rep.mailboxId);
    const threadId = `thread-${randomUUID()}`;
    const sent = await w.send(enrollmentId, threadId);
    return { rep, contact, sequenceId, enrollmentId, threadId, sent };
  }

  it('finishes the enrollment on a reply, records it, and a replay changes nothing', async () => {
    const s = await sentEnrollment();
    const pendingBefore = (await w.emailsOf(s.enrollmentId)).filter((e) => e.status === 'scheduled');
    expect(pendingBefore).toHaveLength(1);
    const reply = {
      messageId: `<${randomUUID()}@mail.northwind.example>`,
      from: `Priya Shah <${s.contact.email.toUpperCase()}>`,
      date: later(t, 30),
      text: 'Thanks, this looks interesting. Can we talk on Thursday?',
      headers: { 'In-Reply-To': s.sent.messageId, References: s.sent.messageId },
    };
    const body = { host: 'gmail', threadId: s.threadId, subject: 'Re: Quick question', messages: [reply] };

    const first = await observe(t, body);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ events: [{ enrollmentId: s.enrollmentId, kind: 'reply' }] });
    const e = await w.enrollment(s.enrollmentId);
    expect(e).toMatchObject({ status: 'finished', finishedReason: 'replied' });
    expect((await w.emailsOf(s.enrollmentId)).filter((x) => x.status === 'scheduled')).toEqual([]);
    const [replied, ...more] = await w.activitiesOf(s.enrollmentId, 'email.replied');
    expect(more).toEqual([]);
    expect(replied?.contactId).toBe(s.contact.id);
    expect(replied?.emailId).toBe(s.sent.id);
    expect(replied?.data).toMatchObject({
      messageId: reply.messageId,
      from: reply.from,
      date: new Date(reply.date).toISOString(),
      subject: 'Re: Quick question',
      kind: 'reply',
      evidence: expect.any(String),
    });

    const again = await observe(t, body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ events: [] });
    expect(await w.activitiesOf(s.enrollmentId, 'email.replied')).toHaveLength(1);
    expect(await w.activitiesOf(s.enrollmentId, 'enrollment.finished')).toHaveLength(1);
  });

  it('strips NUL and lone surrogates from observed mail instead of refusing it', async () => {
    const s = await sentEnrollment();
    const reply = {
      messageId: `<${randomUUID()}@mail.northwind.example>`,
      from: `Priya Shah <${s.contact.email}>`,
      date: later(t, 30),
      text: 'Thanks\u0000, sounds good \ud83d and \udc00 more',
      headers: { 'In-Reply-To': s.sent.messageId },
    };
    const body = {
      host: 'gmail',
      threadId: s.threadId,
      subject: 'Re: Quick\u0000 question\ud800',
      messages: [reply],
    };
    const r = await observe(t, body);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ events: [{ enrollmentId: s.enrollmentId, kind: 'reply' }] });
    const [replied] = await w.activitiesOf(s.enrollmentId, 'email.replied');
    expect(replied?.data).toMatchObject({ subject: 'Re: Quick question' });
    // A body that does not parse is still a 400.
    const bad = await observe(t, { host: 'gmail', threadId: s.threadId, messages: 'x\u0000' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });

  it('keys a message without an id by its content, whatever offset or display name it is scraped with', async () => {
    const s = await sentEnrollment({ finishOnReply: false });
    const at = new Date(later(t, 45));
    const text = 'Not now, maybe next quarter.';
    const asUtc = { from: s.contact.email, date: at.toISOString(), text };
    const berlinWallClock = new Date(at.getTime() + 3_600_000).toISOString().replace('Z', '+01:00');
    const asBerlin = { from: `"Shah, Priya" <${s.contact.email}>`, date: berlinWallClock, text };

    const first = await observe(t, { host: 'outlook', threadId: s.threadId, messages: [asUtc] });
    expect(first.body).toEqual({ events: [{ enrollmentId: s.enrollmentId, kind: 'reply' }] });
    // finishOnReply: false records the reply but keeps the sequence going, next email and all.
    expect((await w.enrollment(s.enrollmentId)).status).toBe('active');
    expect((await w.emailsOf(s.enrollmentId)).filter((x) => x.status === 'scheduled')).toHaveLength(1);
    expect(await w.activitiesOf(s.enrollmentId, 'email.replied')).toHaveLength(1);

    const second = await observe(t, { host: 'outlook', threadId: s.threadId, messages: [asBerlin] });
    expect(second.body).toEqual({ events: [] });
    expect(await w.activitiesOf(s.enrollmentId, 'email.replied')).toHaveLength(1);
  });

  it("ignores the caller's own messages, by login address or mailbox address", async () => {
    const s = await sentEnrollment();
    const mine = [
      { messageId: s.sent.messageId, from: `Rep <${s.rep.address}>`, date: later(t, 1), text: 'Hi Priya' },
      {
        messageId: '<fwd-1@stride.test>',
        from: `Admin <ADMIN@example.test>`,
        date: later(t, 2),
        text: 'FYI',
      },
      {
        messageId: '<own-2@stride.test>',
        from: s.rep.address.toUpperCase(),
        date: later(t, 3),
        text: 'Bump',
      },
    ];
    const r = await observe(t, { host: 'gmail', threadId: s.threadId, messages: mine });
    expect(r.body).toEqual({ events: [] });
    expect((await w.enrollment(s.enrollmentId)).status).toBe('active');
    const keys = await t.db.database.db
      .select()
      .from(observedMessages)
      .where(eq(observedMessages.enrollmentId, s.enrollmentId));
    expect(keys).toEqual([]);
  });

  it('ignores messages older than our first email in the thread, and applies the newer one', async () => {
    const s = await sentEnrollment();
    const old = {
      messageId: '<older@northwind.example>',
      from: s.contact.email,
      date: new Date(t.clock.now().getTime() - 3 * 86_400_000).toISOString(),
      text: 'Thanks for the call last week!',
    };
    const onlyOld = await observe(t, { host: 'gmail', threadId: s.threadId, messages: [old] });
    expect(onlyOld.body).toEqual({ events: [] });
    expect((await w.enrollment(s.enrollmentId)).status).toBe('active');
    expect(await w.activitiesOf(s.enrollmentId, 'email.replied')).toEqual([]);

    const fresh = {
      messageId: '<newer@northwind.example>',
      from: s.contact.email,
      date: later(t, 60),
      text: 'Yes.',
    };
    const both = await observe(t, { host: 'gmail', threadId: s.threadId, messages: [old, fresh] });
    expect(both.body).toEqual({ events: [{ enrollmentId: s.enrollmentId, kind: 'reply' }] });
    const [replied] = await w.activitiesOf(s.enrollmentId, 'email.replied');
    expect(replied?.data.messageId).toBe('<newer@northwind.example>');
  });

  it('marks the address bounced on a delivery report in the thread', async () => {
    const s = await sentEnrollment();
    const report = {
      messageId: `<${randomUUID()}@mx.google.com>`,
      from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
      date: later(t, 2),
      text: `Address not found\n\nYour message wasn't delivered to ${s.contact.email} because the address couldn't be found.\n\n550 5.1.1 The email account that you tried to reach does not exist.`,
      headers: { Subject: 'Delivery Status Notification (Failure)', 'In-Reply-To': s.sent.messageId },
    };
    const r = await observe(t, {
      host: 'gmail',
      threadId: s.threadId,
      subject: 'Quick question',
      messages: [report],
    });
    expect(r.body).toEqual({ events: [] });
    expect((await w.enrollment(s.enrollmentId)).status).toBe('bounced');
    const mail = await w.emailsOf(s.enrollmentId);
    expect(mail.find((x) => x.id === s.sent.id)?.status).toBe('bounced');
    expect(mail.filter((x) => x.status === 'scheduled')).toEqual([]);
    const contact = await t.call('GET', `/api/contacts/${s.contact.id}`);
    expect(contact.body.bounced).toBe(true);
    const listed = await t.db.database.db
      .select()
      .from(bouncedAddresses)
      .where(eq(bouncedAddresses.address, s.contact.email));
    expect(listed).toHaveLength(1);
    const [bounced] = await w.activitiesOf(s.enrollmentId, 'email.bounced');
    expect(bounced?.data).toMatchObject({
      kind: 'bounce',
      from: report.from,
      subject: 'Delivery Status Notification (Failure)',
    });
  });

  it('finds the bounced contact through the thread id when the report quotes no Message-ID', async () => {
    const s = await sentEnrollment();
    const ndr = {
      from: 'Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@northwind.example>',
      date: later(t, 3),
      text: `Delivery has failed to these recipients or groups:\n\n${s.contact.email}\nThe email address you entered couldn't be found.`,
      headers: { Subject: 'Undeliverable: Quick question' },
    };
    const r = await observe(t, { host: 'outlook', threadId: s.threadId, messages: [ndr] });
    expect(r.status).toBe(200);
    expect((await w.enrollment(s.enrollmentId)).status).toBe('bounced');
  });

  it('bounces on a carrier notice from a noreply sender that names the address only in its text', async () => {
    const s = await sentEnrollment();
    const notice = {
      from: 'no-reply@x0000000000000.dion.ne.jp',
      date: later(t, 3),
      text: `送信先のメールボックスが一杯のため、送信できませんでした。\n\nCould not be delivered to: <${s.contact.email}>\nAs their mailbox is full.`,
      headers: { Subject: 'メールエラー通知' },
    };
    const r = await observe(t, { host: 'gmail', threadId: s.threadId, messages: [notice] });
    expect(r.status).toBe(200);
    expect((await w.enrollment(s.enrollmentId)).status).toBe('bounced');
  });

  it('stops the sequence on a full-mailbox report but keeps the address off the bounce list', async () => {
    const s = await sentEnrollment();
    const full = {
      from: 'Mail Delivery System <MAILER-DAEMON@mx.northwind.example>',
      date: later(t, 3),
      text: `This is the mail system at host mx.northwind.example.\n\nI'm sorry to have to inform you that your message could not be delivered to one or more recipients. I gave up after several attempts.\n\n<${s.contact.email}>: host mx.northwind.example said: 452 4.2.2 Mailbox full`,
      headers: { Subject: 'Undelivered Mail Returned to Sender', 'In-Reply-To': s.sent.messageId },
    };
    const r = await observe(t, { host: 'gmail', threadId: s.threadId, messages: [full] });
    expect(r.status).toBe(200);
    expect((await w.enrollment(s.enrollmentId)).status).toBe('bounced');
    const [bounced] = await w.activitiesOf(s.enrollmentId, 'email.bounced');
    expect(bounced?.data).toMatchObject({ soft: true });
    const contact = await t.call('GET', `/api/contacts/${s.contact.id}`);
    expect(contact.body.bounced).toBe(false);
    const listed = await t.db.database.db
      .select()
      .from(bouncedAddresses)
      .where(eq(bouncedAddresses.address, s.contact.email));
    expect(listed).toEqual([]);
  });

  it('leaves the enrollment running on a delay notice: the server is still trying', async () => {
    const s = await sentEnrollment();
    const delay = {
      from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
      date: later(t, 4),
      text: `Delivery incomplete\n\nThere was a temporary problem delivering your message to ${s.contact.email}. Gmail will retry for 47 more hours. You'll be notified if the delivery fails permanently.`,
      headers: { Subject: 'Delivery Status Notification (Delay)' },
    };
    const r = await observe(t, { host: 'gmail', threadId: s.threadId, messages: [delay] });
    expect(r.body).toEqual({ events: [] });
    expect((await w.enrollment(s.enrollmentId)).status).toBe('active');
    const contact = await t.call('GET', `/api/contacts/${s.contact.id}`);
    expect(contact.body.bounced).toBe(false);
  });

  it('records an automatic answer that is no absence, and changes nothing else', async () => {
    const s = await sentEnrollment();
    const ack = {
      messageId: '<ticket-48213@acme-tools.example>',
      from: s.contact.email,
      date: later(t, 1),
      text: 'Thank you for contacting us. Your request (#48213) has been received and is being reviewed by our support staff.',
      headers: { 'Auto-Submitted': 'auto-generated', Subject: '[Request received] Re: Quick question' },
    };
    const r = await observe(t, { host: 'gmail', threadId: s.threadId, messages: [ack] });
    expect(r.body).toEqual({ events: [] });
    expect((await w.enrollment(s.enrollmentId)).status).toBe('active');
    const [noted] = await w.activitiesOf(s.enrollmentId, 'email.auto_replied');
    expect(noted?.data).toMatchObject({ kind: 'auto_reply', messageId: ack.messageId });
  });

  it('feeds same_account_replied into preflight for the account’s other contacts', async () => {
    const rep = await w.rep();
    const account = await t.call('POST', '/api/accounts', {
      body: { name: 'Northwind', domain: 'northwind.example' },
    });
    expect(account.status).toBe(201);
    const replier = await w.contact({ accountId: account.body.id });
    const colleague = await w.contact({ accountId: account.body.id });
    const guarded = await w.sequence({ sameAccountReply: 'not_sent' });
    const first = await w.sequence();
    const enrollmentId = await w.enroll(first, replier.id, rep.mailboxId);
    await w.enroll(guarded, colleague.id, rep.mailboxId);
    const threadId = `thread-${randomUUID()}`;
    await w.send(enrollmentId, threadId);
    const preflight = () =>
      t.call('POST', '/api/preflight', { body: { contactId: colleague.id, sequenceId: guarded } });
    const codes = async () => ((await preflight()).body.reasons as { code: string }[]).map((x) => x.code);

    expect(await codes()).not.toContain('same_account_replied');
    const reply = { from: replier.email, date: later(t, 10), text: 'Loop in my colleague, please.' };
    expect((await observe(t, { host: 'gmail', threadId, messages: [reply] })).body.events).toHaveLength(1);
    expect(await codes()).toContain('same_account_replied');
  });

  it('changes nothing for a rep who cannot see the contact, and leaves the message for one who can', async () => {
    const s = await sentEnrollment();
    const other = await t.createUser('rep');
    const owned = await t.call('PATCH', `/api/contacts/${s.contact.id}`, {
      body: { ownerId: s.rep.user.id },
    });
    expect(owned.status).toBe(200);
    expect((await t.call('GET', `/api/contacts/${s.contact.id}`, { token: other.token })).status).toBe(404);
    const body = {
      host: 'gmail',
      threadId: s.threadId,
      messages: [
        {
          messageId: '<seen-by-two@northwind.example>',
          from: s.contact.email,
          date: later(t, 5),
          text: 'Sure.',
        },
      ],
    };
    expect((await observe(t, body, other.token)).body).toEqual({ events: [] });
    expect((await w.enrollment(s.enrollmentId)).status).toBe('active');
    expect((await observe(t, body)).body).toEqual({
      events: [{ enrollmentId: s.enrollmentId, kind: 'reply' }],
    });
  });

  it.each([
    ['no threadId', { host: 'gmail', messages: [] }, 'threadId'],
    ['an unknown host', { host: 'yahoo', threadId: 't', messages: [] }, 'host'],
    [
      'a date that is no instant',
      { host: 'gmail', threadId: 't', messages: [{ from: 'a@b.c', date: 'Tuesday' }] },
      'messages.0.date',
    ],
    [
      'an empty from',
      { host: 'gmail', threadId: 't', messages: [{ from: '', date: '2026-11-30T15:00:00Z' }] },
      'messages.0.from',
    ],
    ['an unknown field', { host: 'gmail', threadId: 't', messages: [], folder: 'inbox' }, '(body)'],
  ])('answers 400 for %s', async (_name, body, path) => {
    const r = await observe(t, body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect((r.body.error.details as { path: string }[]).map((d) => d.path)).toContain(path);
  });

  it('answers 400 for a body that is not JSON, and 401 without a token', async () => {
    const bad = await t.call('POST', '/api/threads/observe', {
      raw: '{"host":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    const anonymous = await t.call('POST', '/api/threads/observe', {
      token: null,
      body: { host: 'gmail', threadId: 't', messages: [] },
    });
    expect(anonymous.status).toBe(401);
  });
});

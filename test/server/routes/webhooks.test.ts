import { createHmac, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../server/db/ids';
import {
  activities,
  bouncedAddresses,
  contacts,
  emails,
  enrollments,
  sequences,
  steps,
  users,
} from '../../../server/db/schema';
import { ADMIN, useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const PUBLIC_KEY = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
const MAILGUN_KEY = 'mailgun-signing-key-1';

function sendgridSignature(key: KeyObject, timestamp: string, body: string): string {
  return sign('sha256', Buffer.from(timestamp + body), { key, dsaEncoding: 'der' }).toString('base64');
}

describe.each(backends)('provider webhooks (%s)', (backend) => {
  const t = useTestApp(backend);
  let teamId = '';
  let adminId = '';
  let sendgridBox = '';
  let mailgunBox = '';
  let n = 0;

  beforeAll(async () => {
    const [admin] = await t.db.database.db.select().from(users).where(eq(users.email, ADMIN.email));
    teamId = admin!.teamId;
    adminId = admin!.id;
    const sg = await t.call('POST', '/api/mailboxes', {
      body: {
        provider: 'sendgrid',
        address: 'rep@sg.acme.test',
        settings: { apiKey: 'SG.k', webhookPublicKey: PUBLIC_KEY },
      },
    });
    const mg = await t.call('POST', '/api/mailboxes', {
      body: {
        provider: 'mailgun',
        address: 'rep@mg.acme.test',
        settings: { apiKey: 'key-1', webhookSigningKey: MAILGUN_KEY },
      },
    });
    sendgridBox = sg.body.id;
    mailgunBox = mg.body.id;
  });

  /**
   * A contact in two live sequences and one finished one; in the first, step 1 went out (the email
   * the events are about) and step 2 is scheduled.
   */
  async function scenario(mailboxId: string) {
    const { db } = t.db.database;
    const now = t.clock.now();
    n += 1;
    const address = `prospect${n}@recipient.test`;
    const contactId = newId('con');
    await db.insert(contacts).values({ id: contactId, teamId, email: address, emailLower: address });
    const enrollmentIds: string[] = [];
    const stepIds: string[] = [];
    for (const [i, status] of (['active', 'paused', 'finished'] as const).entries()) {
      const sequenceId = newId('seq');
      await db
        .insert(sequences)
        .values({ id: sequenceId, teamId, ownerId: adminId, name: `S${n}.${i}`, schedule: {} });
      for (const position of [1, 2]) {
        const id = newId('stp');
        await db
          .insert(steps)
          .values({ id, sequenceId, position, type: 'auto_email', subject: 's', body: 'b' });
        if (i === 0) stepIds.push(id);
      }
      const id = newId('enr');
      await db.insert(enrollments).values({
        id,
        teamId,
        sequenceId,
        contactId,
        userId: adminId,
        mailboxIds: [mailboxId],
        status,
        currentStep: 2,
        stepAnchorAt: now,
        ...(status === 'finished' && { finishedReason: 'replied' }),
      });
      enrollmentIds.push(id);
    }
    const emailId = newId('eml');
    const messageId = `<${randomBytes(6).toString('hex')}@sg.acme.test>`;
    await db.insert(emails).values([
      {
        id: emailId,
        teamId,
        enrollmentId: enrollmentIds[0],
        contactId,
        stepId: stepIds[0],
        mailboxId,
        status: 'sent',
        messageId,
        sentAt: now,
      },
      {
        id: newId('eml'),
        teamId,
        enrollmentId: enrollmentIds[0],
        contactId,
        stepId: stepIds[1],
        mailboxId,
        status: 'scheduled',
        dueAt: new Date(now.getTime() + 86_400_000),
      },
    ]);
    return { address, contactId, emailId, messageId, enrollmentIds };
  }

  async function snapshot(s: { contactId: string; emailId: string; enrollmentIds: string[] }) {
    const { db } = t.db.database;
    return {
      email: (await db.select().from(emails).where(eq(emails.id, s.emailId)))[0],
      contact: (await db.select().from(contacts).where(eq(contacts.id, s.contactId)))[0],
      enrollments: await db.select().from(enrollments).where(eq(enrollments.contactId, s.contactId)),
      emailCount: (await db.select().from(emails).where(eq(emails.contactId, s.contactId))).length,
      activityCount: (await db.select().from(activities).where(eq(activities.contactId, s.contactId))).length,
    };
  }

  const statusOf = async (id: string) =>
    (await t.db.database.db.select().from(enrollments).where(eq(enrollments.id, id)))[0]!;

  function postSendGrid(
    events: object[],
    opts: { key?: KeyObject; timestamp?: string; tamper?: boolean; box?: string } = {},
  ) {
    const body = JSON.stringify(events);
    const timestamp = opts.timestamp ?? String(Math.floor(t.clock.now().getTime() / 1000));
    const signature = sendgridSignature(opts.key ?? privateKey, timestamp, body);
    return t.call('POST', `/api/webhooks/sendgrid/${opts.box ?? sendgridBox}`, {
      token: null,
      raw: opts.tamper ? body.replace('"event"', ' "event"') : body,
      headers: {
        'content-type': 'application/json',
        'X-Twilio-Email-Event-Webhook-Signature': signature,
        'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
      },
    });
  }

  const sgEvent = (s: { address: string; emailId: string }, event: Record<string, unknown>) => ({
    email: s.address,
    timestamp: Math.floor(t.clock.now().getTime() / 1000),
    sg_event_id: randomBytes(8).toString('hex'),
    stride_email_id: s.emailId,
    ...event,
  });

  it.each([
    ['drop', { event: 'dropped', reason: 'Bounced Address' }, 'sendgrid_dropped', 'Bounced Address'],
    // A refusal that says nothing about the address: not sent, and the contact is not flagged.
    [
      'block',
      { event: 'bounce', type: 'blocked', status: '5.7.1', reason: '554 blocked' },
      'email_service_provider_error',
      '5.7.1 554 blocked',
    ],
  ])(
    'applies a signed %s: email and enrollment not_sent, with the provider words',
    async (_l, event, reason, detail) => {
      const s = await scenario(sendgridBox);
      const before = await snapshot(s);
      const r = await postSendGrid([sgEvent(s, event)]);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ received: 1, applied: 1 });
      const after = await snapshot(s);
      expect(after.email).toMatchObject({ status: 'not_sent', reason, detail });
      expect(after.email!.changeSeq).toBeGreaterThan(before.email!.changeSeq);
      expect((await statusOf(s.enrollmentIds[0]!)).status).toBe('not_sent');
      expect((await statusOf(s.enrollmentIds[1]!)).status).toBe('paused');
      expect(after.contact).toMatchObject({ unsubscribedAt: null, bouncedAt: null });
      const acts = await t.db.database.db.select().from(activities).where(eq(activities.emailId, s.emailId));
      expect(acts).toEqual([
        expect.objectContaining({
          kind: 'email.not_sent',
          data: expect.objectContaining({ reasons: [reason] }),
        }),
      ]);
    },
  );

  it('applies a bounce: email and enrollment bounced, contact flagged, address remembered', async () => {
    const s = await scenario(sendgridBox);
    const detail = '550 5.1.1 The email account that you tried to reach does not exist.';
    const r = await postSendGrid([
      sgEvent(s, { event: 'bounce', type: 'bounce', status: '5.1.1', reason: detail }),
    ]);
    expect(r.body.applied).toBe(1);
    const after = await snapshot(s);
    expect(after.email).toMatchObject({ status: 'bounced' });
    expect(after.email!.detail).toContain(detail);
    expect(after.contact!.bouncedAt).toEqual(t.clock.now());
    expect((await statusOf(s.enrollmentIds[0]!)).status).toBe('bounced');
    const bounced = await t.db.database.db
      .select()
      .from(bouncedAddresses)
      .where(and(eq(bouncedAddresses.teamId, teamId), eq(bouncedAddresses.address, s.address)));
    expect(bounced).toHaveLength(1);
    // The enrollment's history says what stopped it and where that was seen.
    const acts = await t.db.database.db.select().from(activities).where(eq(activities.emailId, s.emailId));
    expect(acts.find((a) => a.kind === 'email.bounced')?.data).toMatchObject({
      detail: expect.stringContaining(detail),
      providerEvent: 'bounce',
      seenIn: { via: 'webhook', source: 'sendgrid' },
    });
  });

  it('treats a spam complaint as an unsubscribe: every live enrollment finished', async () => {
    const s = await scenario(sendgridBox);
    const r = await postSendGrid([sgEvent(s, { event: 'spamreport' })]);
    expect(r.body.applied).toBe(1);
    const after = await snapshot(s);
    expect(after.contact!.unsubscribedAt).toEqual(t.clock.now());
    expect(after.email!.status).toBe('sent');
    const [first, second, third] = [
      await statusOf(s.enrollmentIds[0]!),
      await statusOf(s.enrollmentIds[1]!),
      await statusOf(s.enrollmentIds[2]!),
    ];
    expect(first).toMatchObject({ status: 'finished', finishedReason: 'unsubscribed' });
    expect(second).toMatchObject({ status: 'finished', finishedReason: 'unsubscribed' });
    expect(third).toMatchObject({ status: 'finished', finishedReason: 'replied' });
    // The scheduled step-2 email was withdrawn; the sent one stays as history.
    expect(after.emailCount).toBe(1);
    const kinds = (
      await t.db.database.db.select().from(activities).where(eq(activities.contactId, s.contactId))
    ).map((a) => a.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['contact.unsubscribed', 'email.spam_complaint', 'enrollment.finished']),
    );
  });

  it('records delivered as an activity only, and a redelivered event changes nothing', async () => {
    const s = await scenario(sendgridBox);
    const before = await snapshot(s);
    const event = sgEvent(s, { event: 'delivered', response: '250 OK' });
    const first = await postSendGrid([event, sgEvent(s, { event: 'open' })]);
    expect(first.body).toMatchObject({ received: 2, applied: 1, ignored: 1 });
    const mid = await snapshot(s);
    expect(mid.email).toEqual(before.email);
    expect(mid.activityCount).toBe(before.activityCount + 1);
    const again = await postSendGrid([event]);
    expect(again.body).toMatchObject({ applied: 0, duplicate: 1 });
    const bounce = sgEvent(s, { event: 'bounce', type: 'bounce', reason: '550 no such user' });
    await postSendGrid([bounce]);
    const afterBounce = await snapshot(s);
    const replay = await postSendGrid([{ ...bounce, sg_event_id: 'other-id' }]);
    expect(replay.body).toMatchObject({ applied: 0, unchanged: 1 });
    expect(await snapshot(s)).toEqual(afterBounce);
  });

  it('finds the email by Message-ID when the correlation id did not come back', async () => {
    const s = await scenario(sendgridBox);
    const r = await postSendGrid([
      {
        email: s.address,
        event: 'dropped',
        reason: 'Invalid',
        'smtp-id': s.messageId,
        sg_event_id: 'by-msgid',
      },
      { email: 'stranger@x.test', event: 'dropped', reason: 'Invalid', stride_email_id: 'eml_missing' },
    ]);
    expect(r.body).toMatchObject({ applied: 1, unmatched: 1 });
    expect((await snapshot(s)).email!.status).toBe('not_sent');
  });

  it.each([
    ['unsigned', 'unsigned'],
    ['signed by another key', 'other-key'],
    ['tampered after signing', 'tamper'],
    ['stale', 'stale'],
  ])('refuses a %s SendGrid call with 401 and changes nothing', async (_label, mode) => {
    const s = await scenario(sendgridBox);
    const before = await snapshot(s);
    const events = [sgEvent(s, { event: 'bounce', type: 'bounce', reason: '550' })];
    let r: Awaited<ReturnType<typeof postSendGrid>>;
    if (mode === 'unsigned') {
      r = await t.call('POST', `/api/webhooks/sendgrid/${sendgridBox}`, {
        token: null,
        raw: JSON.stringify(events),
        headers: { 'content-type': 'application/json' },
      });
    } else if (mode === 'other-key') {
      r = await postSendGrid(events, {
        key: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey,
      });
    } else if (mode === 'tamper') {
      r = await postSendGrid(events, { tamper: true });
    } else {
      r = await postSendGrid(events, {
        timestamp: String(Math.floor(t.clock.now().getTime() / 1000) - 3600),
      });
    }
    expect(r.status).toBe(401);
    expect(await snapshot(s)).toEqual(before);
  });

  it('answers 404 for an unknown mailbox or another provider’s, 401 when no key is configured', async () => {
    const s = await scenario(sendgridBox);
    const events = [sgEvent(s, { event: 'dropped' })];
    expect((await postSendGrid(events, { box: 'mbx_nope' })).status).toBe(404);
    expect((await postSendGrid(events, { box: mailgunBox })).status).toBe(404);
    const bare = await t.call('POST', '/api/mailboxes', {
      body: { provider: 'sendgrid', address: 'nokey@sg.acme.test', settings: { apiKey: 'SG.k' } },
    });
    const r = await postSendGrid(events, { box: bare.body.id });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('webhook_not_configured');
    expect((await snapshot(s)).email!.status).toBe('sent');
  });

  function mailgunBody(eventData: object, opts: { key?: string; timestamp?: number; token?: string } = {}) {
    const timestamp = String(opts.timestamp ?? Math.floor(t.clock.now().getTime() / 1000));
    const token = opts.token ?? randomBytes(25).toString('hex');
    const signature = createHmac('sha256', opts.key ?? MAILGUN_KEY)
      .update(timestamp + token)
      .digest('hex');
    return JSON.stringify({ signature: { timestamp, token, signature }, 'event-data': eventData });
  }
  const postMailgun = (raw: string) =>
    t.call('POST', `/api/webhooks/mailgun/${mailgunBox}`, {
      token: null,
      raw,
      headers: { 'content-type': 'application/json' },
    });
  const mgEvent = (s: { address: string; emailId: string }, extra: Record<string, unknown>) => ({
    id: randomBytes(8).toString('hex'),
    timestamp: t.clock.now().getTime() / 1000,
    recipient: s.address,
    'user-variables': { 'stride-email-id': s.emailId },
    ...extra,
  });

  it('applies a signed Mailgun permanent bounce', async () => {
    const s = await scenario(mailgunBox);
    const r = await postMailgun(
      mailgunBody(
        mgEvent(s, {
          event: 'failed',
          severity: 'permanent',
          reason: 'bounce',
          'delivery-status': { code: 550, message: '5.1.1 User Unknown' },
        }),
      ),
    );
    expect(r.status).toBe(200);
    const after = await snapshot(s);
    expect(after.email).toMatchObject({ status: 'bounced', detail: '550 5.1.1 User Unknown' });
    expect(after.contact!.bouncedAt).not.toBeNull();
  });

  it('maps a Mailgun suppression to mailgun_dropped and a complaint to an unsubscribe', async () => {
    const s = await scenario(mailgunBox);
    await postMailgun(
      mailgunBody(
        mgEvent(s, {
          event: 'failed',
          severity: 'permanent',
          reason: 'suppress-bounce',
          'delivery-status': { message: 'Not delivering to previously bounced address' },
        }),
      ),
    );
    expect((await snapshot(s)).email).toMatchObject({ status: 'not_sent', reason: 'mailgun_dropped' });
    const c = await scenario(mailgunBox);
    await postMailgun(mailgunBody(mgEvent(c, { event: 'complained' })));
    expect((await snapshot(c)).contact!.unsubscribedAt).not.toBeNull();
    expect((await statusOf(c.enrollmentIds[1]!)).finishedReason).toBe('unsubscribed');
  });

  it('refuses bad, stale and replayed Mailgun signatures with 401, changing nothing', async () => {
    const s = await scenario(mailgunBox);
    const before = await snapshot(s);
    const event = mgEvent(s, { event: 'complained' });
    expect((await postMailgun(mailgunBody(event, { key: 'wrong-key' }))).status).toBe(401);
    const old = Math.floor(t.clock.now().getTime() / 1000) - 15 * 60;
    expect((await postMailgun(mailgunBody(event, { timestamp: old }))).status).toBe(401);
    const unsigned = await postMailgun(JSON.stringify({ 'event-data': event }));
    expect(unsigned.status).toBe(401);
    expect(await snapshot(s)).toEqual(before);

    const token = randomBytes(25).toString('hex');
    const delivered = mgEvent(s, { event: 'delivered' });
    expect((await postMailgun(mailgunBody(delivered, { token }))).status).toBe(200);
    const replay = await postMailgun(mailgunBody(mgEvent(s, { event: 'complained' }), { token }));
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('replayed');
    expect((await snapshot(s)).contact!.unsubscribedAt).toBeNull();
  });
});

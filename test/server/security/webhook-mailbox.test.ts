import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../server/db/ids';
import { contacts, emails } from '../../../server/db/schema';
import { adminOf } from '../helpers/enrollment-fixtures';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

/** Finding 3: an event signed with one mailbox's key changed an email sent through another mailbox. */
describe.each(backends)('webhooks touch only the signing mailbox’s emails (%s)', (backend) => {
  const t = useTestApp(backend);

  it('a signed bounce naming another mailbox’s email (by id or Message-ID) is unmatched and changes nothing', async () => {
    const admin = await adminOf(t);
    const rep = await t.createUser('rep');
    const keys = [
      generateKeyPairSync('ec', { namedCurve: 'prime256v1' }),
      generateKeyPairSync('ec', { namedCurve: 'prime256v1' }),
    ];
    const boxes: string[] = [];
    for (const [i, k] of keys.entries()) {
      const r = await t.call('POST', '/api/mailboxes', {
        token: i === 0 ? rep.token : undefined,
        body: {
          provider: 'sendgrid',
          address: `sender${i}@sg.acme.test`,
          settings: {
            apiKey: 'SG.k',
            webhookPublicKey: k.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
          },
        },
      });
      expect(r.status).toBe(201);
      boxes.push(r.body.id);
    }
    const { db } = t.db.database;
    const contactId = newId('con');
    await db.insert(contacts).values({
      id: contactId,
      teamId: admin.teamId,
      email: 'p@recipient.test',
      emailLower: 'p@recipient.test',
    });
    const emailId = newId('eml');
    const messageId = `<${randomBytes(6).toString('hex')}@sg.acme.test>`;
    await db.insert(emails).values({
      id: emailId,
      teamId: admin.teamId,
      contactId,
      mailboxId: boxes[1],
      status: 'sent',
      messageId,
      sentAt: t.clock.now(),
    });
    const before = (await db.select().from(emails).where(eq(emails.id, emailId)))[0];

    // The rep holds mailbox 0's key and signs a bounce about mailbox 1's email.
    const post = (event: Record<string, unknown>) => {
      const body = JSON.stringify([
        {
          email: 'p@recipient.test',
          timestamp: Math.floor(t.clock.now().getTime() / 1000),
          sg_event_id: randomBytes(8).toString('hex'),
          event: 'bounce',
          type: 'bounce',
          reason: '550 5.1.1 no such user',
          ...event,
        },
      ]);
      const timestamp = String(Math.floor(t.clock.now().getTime() / 1000));
      const signature = sign('sha256', Buffer.from(timestamp + body), {
        key: keys[0]!.privateKey,
        dsaEncoding: 'der',
      }).toString('base64');
      return t.call('POST', `/api/webhooks/sendgrid/${boxes[0]}`, {
        token: null,
        raw: body,
        headers: {
          'content-type': 'application/json',
          'X-Twilio-Email-Event-Webhook-Signature': signature,
          'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
        },
      });
    };
    const byId = await post({ stride_email_id: emailId });
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ received: 1, applied: 0, unmatched: 1 });
    const byMessageId = await post({ 'smtp-id': messageId });
    expect(byMessageId.body).toMatchObject({ applied: 0, unmatched: 1 });
    const after = (await db.select().from(emails).where(eq(emails.id, emailId)))[0];
    expect(after).toEqual(before);
    const contact = (await db.select().from(contacts).where(eq(contacts.id, contactId)))[0];
    expect(contact?.bouncedAt).toBeNull();
  });
});

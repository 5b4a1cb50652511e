import { createHmac, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  parseMailgunEvent,
  verifyMailgunWebhook,
  verifySendGridWebhook,
  WEBHOOK_TOLERANCE_MS,
} from '../../../server/providers/webhooks';

const NOW = new Date('2024-05-01T12:00:00Z');
const nowSeconds = String(Math.floor(NOW.getTime() / 1000));

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    privateKey,
    publicKeyB64: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    publicKey,
  };
}

/** What SendGrid does: ECDSA P-256 SHA-256 over timestamp + body, DER signature in base64. */
function sendgridSign(
  privateKey: ReturnType<typeof keyPair>['privateKey'],
  timestamp: string,
  body: string,
): string {
  return sign('sha256', Buffer.from(timestamp + body), { key: privateKey, dsaEncoding: 'der' }).toString(
    'base64',
  );
}

const sendgridEvents = JSON.stringify([
  {
    email: 'bob@recipient.test',
    timestamp: 1714564800,
    event: 'dropped',
    reason: 'Bounced Address',
    sg_event_id: 'ev1',
    stride_email_id: 'em_1',
  },
  {
    email: 'bob@recipient.test',
    timestamp: 1714564800,
    event: 'bounce',
    type: 'bounce',
    status: '5.1.1',
    reason: '550 5.1.1 The email account that you tried to reach does not exist.',
    sg_event_id: 'ev2',
    stride_email_id: 'em_2',
  },
  {
    email: 'carl@recipient.test',
    timestamp: 1714564800,
    event: 'bounce',
    type: 'blocked',
    status: '5.7.1',
    reason: '554 5.7.1 Service unavailable; client host blocked',
    sg_event_id: 'ev3',
    stride_email_id: 'em_3',
  },
  {
    email: 'dana@recipient.test',
    timestamp: 1714564800,
    event: 'spamreport',
    sg_event_id: 'ev4',
    stride_email_id: 'em_4',
  },
  {
    email: 'erin@recipient.test',
    timestamp: 1714564800,
    event: 'delivered',
    response: '250 OK',
    sg_event_id: 'ev5',
    stride_email_id: 'em_5',
  },
  { email: 'finn@recipient.test', timestamp: 1714564800, event: 'open', sg_event_id: 'ev6' },
]);

describe('SendGrid Signed Event Webhook', () => {
  const keys = keyPair();
  const signature = sendgridSign(keys.privateKey, nowSeconds, sendgridEvents);
  const base = {
    rawBody: sendgridEvents,
    signature,
    timestamp: nowSeconds,
    publicKey: keys.publicKeyB64,
    now: NOW,
  };

  it('accepts a good signature and parses every event', () => {
    const result = verifySendGridWebhook(base);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.events.map((e) => [e.kind, e.emailId, e.reason])).toEqual([
      ['dropped', 'em_1', 'sendgrid_dropped'],
      ['bounce', 'em_2', null],
      ['blocked', 'em_3', 'email_service_provider_error'],
      ['spam_complaint', 'em_4', null],
      ['delivered', 'em_5', null],
      ['other', null, null],
    ]);
    expect(result.events[0]).toMatchObject({
      address: 'bob@recipient.test',
      detail: 'Bounced Address',
      eventId: 'ev1',
    });
    expect(result.events[1]?.detail).toBe(
      '5.1.1 550 5.1.1 The email account that you tried to reach does not exist.',
    );
    expect(result.events[1]?.occurredAt).toEqual(new Date(1714564800 * 1000));
  });

  it('accepts the key in PEM form too', () => {
    const pem = keys.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(verifySendGridWebhook({ ...base, publicKey: pem }).ok).toBe(true);
  });

  it('refuses a signature made with another key', () => {
    const other = keyPair();
    const forged = sendgridSign(other.privateKey, nowSeconds, sendgridEvents);
    expect(verifySendGridWebhook({ ...base, signature: forged })).toMatchObject({
      ok: false,
      refusal: 'bad_signature',
    });
  });

  it('refuses an unsigned call', () => {
    expect(verifySendGridWebhook({ ...base, signature: undefined })).toMatchObject({
      ok: false,
      refusal: 'unsigned',
    });
    expect(verifySendGridWebhook({ ...base, timestamp: null })).toMatchObject({
      ok: false,
      refusal: 'unsigned',
    });
  });

  it('refuses a tampered body or timestamp', () => {
    const tampered = sendgridEvents.replace('"dropped"', '"delivered"');
    expect(verifySendGridWebhook({ ...base, rawBody: tampered })).toMatchObject({
      ok: false,
      refusal: 'bad_signature',
    });
    expect(verifySendGridWebhook({ ...base, timestamp: String(Number(nowSeconds) + 1) })).toMatchObject({
      ok: false,
      refusal: 'bad_signature',
    });
    expect(verifySendGridWebhook({ ...base, signature: 'bm90IGEgc2lnbmF0dXJl' })).toMatchObject({
      ok: false,
    });
  });

  it('refuses a correctly signed but stale request', () => {
    const old = String(Number(nowSeconds) - WEBHOOK_TOLERANCE_MS / 1000 - 1);
    const stale = { ...base, timestamp: old, signature: sendgridSign(keys.privateKey, old, sendgridEvents) };
    expect(verifySendGridWebhook(stale)).toMatchObject({ ok: false, refusal: 'stale' });
  });

  it('reports an unusable key as misconfigured and a signed non-array as malformed', () => {
    expect(verifySendGridWebhook({ ...base, publicKey: 'not a key' })).toMatchObject({
      ok: false,
      refusal: 'misconfigured',
    });
    const body = '{"event":"delivered"}';
    const signed = { ...base, rawBody: body, signature: sendgridSign(keys.privateKey, nowSeconds, body) };
    expect(verifySendGridWebhook(signed)).toMatchObject({ ok: false, refusal: 'malformed' });
  });
});

const SIGNING_KEY = 'mailgun-signing-key-0123456789abcdef';

function mailgunBody(eventData: unknown, options: { timestamp?: string; token?: string; key?: string } = {}) {
  const timestamp = options.timestamp ?? nowSeconds;
  const token = options.token ?? randomBytes(25).toString('hex');
  const signature = createHmac('sha256', options.key ?? SIGNING_KEY)
    .update(timestamp + token)
    .digest('hex');
  return {
    body: JSON.stringify({ signature: { timestamp, token, signature }, 'event-data': eventData }),
    token,
  };
}

const permanentBounce = {
  id: 'mg-ev-1',
  event: 'failed',
  severity: 'permanent',
  reason: 'bounce',
  recipient: 'bob@recipient.test',
  timestamp: 1714564800.123,
  'delivery-status': { code: 550, message: '5.1.1 User Unknown', description: '' },
  'user-variables': { 'stride-email-id': 'em_9' },
};

function seenTokens() {
  const seen = new Set<string>();
  return vi.fn((token: string) => {
    const replay = seen.has(token);
    seen.add(token);
    return replay;
  });
}

describe('Mailgun webhook', () => {
  it('accepts a good signature and parses the event', async () => {
    const { body } = mailgunBody(permanentBounce);
    const result = await verifyMailgunWebhook({
      rawBody: body,
      signingKey: SIGNING_KEY,
      now: NOW,
      isReplay: seenTokens(),
    });
    expect(result).toMatchObject({
      ok: true,
      events: [
        {
          kind: 'bounce',
          emailId: 'em_9',
          address: 'bob@recipient.test',
          detail: '550 5.1.1 User Unknown',
          eventId: 'mg-ev-1',
        },
      ],
    });
  });

  it('refuses a bad signature without recording its token', async () => {
    const isReplay = seenTokens();
    const { body } = mailgunBody(permanentBounce, { key: 'someone-elses-key' });
    expect(
      await verifyMailgunWebhook({ rawBody: body, signingKey: SIGNING_KEY, now: NOW, isReplay }),
    ).toMatchObject({
      ok: false,
      refusal: 'bad_signature',
    });
    expect(isReplay).not.toHaveBeenCalled();
  });

  it('refuses an altered signature', async () => {
    const { body } = mailgunBody(permanentBounce);
    const altered = body.replace(
      /"signature":"([0-9a-f])/,
      (_m, c: string) => `"signature":"${c === '0' ? '1' : '0'}`,
    );
    expect(
      await verifyMailgunWebhook({
        rawBody: altered,
        signingKey: SIGNING_KEY,
        now: NOW,
        isReplay: seenTokens(),
      }),
    ).toMatchObject({
      ok: false,
      refusal: 'bad_signature',
    });
  });

  it('refuses a stale timestamp', async () => {
    const old = String(Number(nowSeconds) - 6 * 60);
    const { body } = mailgunBody(permanentBounce, { timestamp: old });
    expect(
      await verifyMailgunWebhook({
        rawBody: body,
        signingKey: SIGNING_KEY,
        now: NOW,
        isReplay: seenTokens(),
      }),
    ).toMatchObject({
      ok: false,
      refusal: 'stale',
    });
  });

  it('refuses a replayed token', async () => {
    const isReplay = seenTokens();
    const { body } = mailgunBody(permanentBounce);
    expect(
      (await verifyMailgunWebhook({ rawBody: body, signingKey: SIGNING_KEY, now: NOW, isReplay })).ok,
    ).toBe(true);
    expect(
      await verifyMailgunWebhook({ rawBody: body, signingKey: SIGNING_KEY, now: NOW, isReplay }),
    ).toMatchObject({
      ok: false,
      refusal: 'replayed',
    });
  });

  it('refuses unsigned and non-JSON bodies', async () => {
    const unsigned = JSON.stringify({ 'event-data': permanentBounce });
    const isReplay = seenTokens();
    expect(
      await verifyMailgunWebhook({ rawBody: unsigned, signingKey: SIGNING_KEY, now: NOW, isReplay }),
    ).toMatchObject({
      ok: false,
      refusal: 'unsigned',
    });
    expect(
      await verifyMailgunWebhook({ rawBody: 'token=x', signingKey: SIGNING_KEY, now: NOW, isReplay }),
    ).toMatchObject({
      ok: false,
      refusal: 'malformed',
    });
  });
});

describe('Mailgun event parsing', () => {
  it.each([
    [
      {
        event: 'failed',
        severity: 'permanent',
        reason: 'suppress-bounce',
        'delivery-status': { code: 605, description: 'Not delivering to previously bounced address' },
      },
      {
        kind: 'dropped',
        reason: 'mailgun_dropped',
        detail: '605 Not delivering to previously bounced address',
      },
    ],
    [
      {
        event: 'failed',
        severity: 'temporary',
        reason: 'generic',
        'delivery-status': { code: 452, message: '4.2.2 Mailbox full' },
      },
      { kind: 'other', reason: null },
    ],
    [
      { event: 'complained', recipient: 'dana@recipient.test' },
      { kind: 'spam_complaint', address: 'dana@recipient.test' },
    ],
    [{ event: 'delivered', 'delivery-status': { code: 250, message: 'OK' } }, { kind: 'delivered' }],
    [{ event: 'opened' }, { kind: 'other', emailId: null }],
  ])('%o', (eventData, expected) => {
    expect(parseMailgunEvent(eventData)).toMatchObject(expected);
  });
});

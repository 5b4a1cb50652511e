import { createHmac, createPublicKey, type KeyObject, timingSafeEqual, verify } from 'node:crypto';
import type { NotSentCode } from '../../shared/schemas/not-sent-code';

/**
 * `blocked` is kept apart from `bounce`: the receiving server refused this message (reputation,
 * content), which says nothing against the address, so the contact must not be flagged.
 */
export type WebhookEventKind = 'dropped' | 'bounce' | 'blocked' | 'spam_complaint' | 'delivered' | 'other';

export interface WebhookEvent {
  kind: WebhookEventKind;
  /** Our email row id, from SendGrid custom_args / Mailgun user-variables; null for mail we did not tag. */
  emailId: string | null;
  address: string | null;
  /** The provider's own words ("Bounced Address", "550 5.1.1 User Unknown"). */
  detail: string;
  /** The not-sent code a drop gives the email (sendgrid_dropped / mailgun_dropped). */
  reason: NotSentCode | null;
  /** The provider's event id, so a redelivered event can be recognised. */
  eventId: string | null;
  occurredAt: Date | null;
  providerEvent: string;
}

export type WebhookRefusal =
  | 'unsigned'
  | 'bad_signature'
  | 'stale'
  | 'replayed'
  | 'malformed'
  | 'misconfigured';

export type WebhookVerification =
  | { ok: true; events: WebhookEvent[] }
  | { ok: false; refusal: WebhookRefusal; detail: string };

export const SENDGRID_SIGNATURE_HEADER = 'X-Twilio-Email-Event-Webhook-Signature';
export const SENDGRID_TIMESTAMP_HEADER = 'X-Twilio-Email-Event-Webhook-Timestamp';

/**
 * How far a signed timestamp may be from our clock, either way. Five minutes covers clock skew
 * and queueing; both providers sign each delivery attempt afresh, so their retries still pass,
 * while a captured request cannot be replayed later.
 */
export const WEBHOOK_TOLERANCE_MS = 5 * 60_000;

type Rec = Record<string, unknown>;
const rec = (value: unknown): Rec => (typeof value === 'object' && value !== null ? (value as Rec) : {});
const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const seconds = (value: unknown): Date | null => {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? new Date(n * 1000) : null;
};

function refuse(refusal: WebhookRefusal, detail: string): WebhookVerification {
  return { ok: false, refusal, detail };
}

function stale(timestamp: string, now: Date, toleranceMs: number): boolean {
  const at = Number(timestamp) * 1000;
  return !Number.isFinite(at) || Math.abs(now.getTime() - at) > toleranceMs;
}

function publicKey(key: string): KeyObject {
  const trimmed = key.trim();
  if (trimmed.startsWith('-----BEGIN')) return createPublicKey(trimmed);
  // SendGrid shows the verification key as base64 DER (SubjectPublicKeyInfo) without PEM armour.
  return createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
}

export interface SendGridWebhookInput {
  /** The body exactly as received: the signature covers bytes, not re-serialised JSON. */
  rawBody: string | Uint8Array;
  signature: string | null | undefined;
  timestamp: string | null | undefined;
  /** The mailbox's `settings.webhookPublicKey`. */
  publicKey: string;
  now: Date;
  toleranceMs?: number;
}

/** SendGrid Signed Event Webhook: ECDSA P-256 / SHA-256 over `timestamp + rawBody`, DER signature. */
export function verifySendGridWebhook(input: SendGridWebhookInput): WebhookVerification {
  if (!input.signature || !input.timestamp)
    return refuse('unsigned', 'signature or timestamp header missing');
  let key: KeyObject;
  try {
    key = publicKey(input.publicKey);
  } catch (error) {
    return refuse('misconfigured', `webhook public key unusable: ${(error as Error).message}`);
  }
  const signed = Buffer.concat([Buffer.from(input.timestamp, 'utf8'), Buffer.from(input.rawBody)]);
  let valid = false;
  try {
    valid = verify('sha256', signed, { key, dsaEncoding: 'der' }, Buffer.from(input.signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) return refuse('bad_signature', 'signature does not match body and timestamp');
  if (stale(input.timestamp, input.now, input.toleranceMs ?? WEBHOOK_TOLERANCE_MS)) {
    return refuse('stale', `timestamp ${input.timestamp} is outside the tolerance`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(input.rawBody).toString('utf8'));
  } catch {
    return refuse('malformed', 'body is not JSON');
  }
  if (!Array.isArray(payload)) return refuse('malformed', 'SendGrid posts a JSON array of events');
  return { ok: true, events: payload.map(parseSendGridEvent) };
}

export function parseSendGridEvent(raw: unknown): WebhookEvent {
  const e = rec(raw);
  const name = text(e.event) ?? 'unknown';
  const words = [text(e.status), text(e.reason) ?? text(e.response)].filter(Boolean).join(' ');
  const base = {
    emailId: text(e.stride_email_id),
    address: text(e.email),
    eventId: text(e.sg_event_id),
    occurredAt: seconds(e.timestamp),
    providerEvent: name,
    reason: null,
    detail: words || name,
  } satisfies Omit<WebhookEvent, 'kind'>;
  switch (name) {
    case 'dropped':
      return { ...base, kind: 'dropped', reason: 'sendgrid_dropped' };
    case 'bounce':
      // SendGrid reports a refusal that is not about the address as a bounce of type "blocked".
      return e.type === 'blocked'
        ? { ...base, kind: 'blocked', reason: 'email_service_provider_error' }
        : { ...base, kind: 'bounce' };
    case 'spamreport':
      return { ...base, kind: 'spam_complaint' };
    case 'delivered':
      return { ...base, kind: 'delivered' };
    default:
      return { ...base, kind: 'other' };
  }
}

export interface MailgunWebhookInput {
  rawBody: string | Uint8Array;
  /** The mailbox's `settings.webhookSigningKey`. */
  signingKey: string;
  now: Date;
  toleranceMs?: number;
  /**
   * True when this token was seen before. It must record the token in the same step (an insert
   * that fails on conflict), or two concurrent deliveries of one request would both pass.
   */
  isReplay: (token: string) => boolean | Promise<boolean>;
}

/**
 * Mailgun JSON webhooks: `{ signature: { timestamp, token, signature }, "event-data": {...} }`,
 * signature = hex HMAC-SHA256(signingKey, timestamp + token). The legacy form-encoded webhooks
 * are not accepted. Tokens are checked for replay only after the signature holds, so forged
 * requests cannot fill the caller's token store. Mailgun's scheme signs timestamp and token,
 * not event-data: integrity of the event itself rests on TLS plus the one-use token.
 */
export async function verifyMailgunWebhook(input: MailgunWebhookInput): Promise<WebhookVerification> {
  let payload: Rec;
  try {
    payload = rec(JSON.parse(Buffer.from(input.rawBody).toString('utf8')));
  } catch {
    return refuse('malformed', 'body is not JSON');
  }
  const signature = rec(payload.signature);
  const timestamp = text(signature.timestamp);
  const token = text(signature.token);
  const given = text(signature.signature);
  if (!timestamp || !token || !given) return refuse('unsigned', 'signature block missing');
  if (!input.signingKey) return refuse('misconfigured', 'no webhook signing key for this mailbox');
  const expected = createHmac('sha256', input.signingKey)
    .update(timestamp + token)
    .digest();
  const actual = /^[0-9a-f]{64}$/i.test(given) ? Buffer.from(given, 'hex') : Buffer.alloc(0);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return refuse('bad_signature', 'signature does not match timestamp and token');
  }
  if (stale(timestamp, input.now, input.toleranceMs ?? WEBHOOK_TOLERANCE_MS)) {
    return refuse('stale', `timestamp ${timestamp} is outside the tolerance`);
  }
  if (await input.isReplay(token)) return refuse('replayed', 'token was already used');
  if (typeof payload['event-data'] !== 'object' || payload['event-data'] === null) {
    return refuse('malformed', 'event-data missing');
  }
  return { ok: true, events: [parseMailgunEvent(payload['event-data'])] };
}

export function parseMailgunEvent(raw: unknown): WebhookEvent {
  const e = rec(raw);
  const name = text(e.event) ?? 'unknown';
  const status = rec(e['delivery-status']);
  const code = typeof status.code === 'number' || typeof status.code === 'string' ? String(status.code) : '';
  const message = text(status.message) ?? text(status.description) ?? text(e.reason) ?? name;
  const base = {
    emailId: text(rec(e['user-variables'])['stride-email-id']),
    address: text(e.recipient),
    eventId: text(e.id),
    occurredAt: seconds(e.timestamp),
    providerEvent: name,
    reason: null,
    detail: code && code !== '0' && !message.startsWith(code) ? `${code} ${message}` : message,
  } satisfies Omit<WebhookEvent, 'kind'>;
  if (name === 'failed') {
    // Temporary failures are retried by Mailgun itself; only its final word changes our records.
    if (e.severity !== 'permanent') return { ...base, kind: 'other' };
    if (e.reason === 'bounce') return { ...base, kind: 'bounce' };
    // suppress-bounce ("Not delivering to a previously bounced address"), suppress-complaint,
    // suppress-unsubscribe and old (gave up retrying): Mailgun dropped it without a delivery verdict.
    return { ...base, kind: 'dropped', reason: 'mailgun_dropped' };
  }
  if (name === 'complained') return { ...base, kind: 'spam_complaint' };
  if (name === 'delivered') return { ...base, kind: 'delivered' };
  return { ...base, kind: 'other' };
}

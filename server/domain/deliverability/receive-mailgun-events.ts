import type { Db } from '../../db/client';
import { verifyMailgunWebhook, WEBHOOK_TOLERANCE_MS } from '../../providers/webhooks';
import { applyProviderEvents } from './apply-provider-event';
import { correlateMailgun, mailgunReplayGuard } from './event-correlation';
import { loadWebhookMailbox, missingKey, refusalOf, type WebhookReceipt } from './webhook-mailbox';

export interface MailgunDelivery {
  mailboxId: string;
  /** The body's bytes as sent, read only once the mailbox is known. */
  rawBody: () => Promise<Uint8Array>;
}

/**
 * Mailgun's JSON webhook for one mailbox: HMAC-checked with its signing key, stale timestamps and
 * reused tokens refused, then each event applied. No Actor: the signature is the credential.
 */
export async function receiveMailgunEvents(
  { db, now, secretKey }: { db: Db; now: Date; secretKey: Buffer },
  input: MailgunDelivery,
): Promise<WebhookReceipt> {
  const mailbox = await loadWebhookMailbox(db, secretKey, input.mailboxId, 'mailgun');
  if (!mailbox.ok) return mailbox;
  const raw = await input.rawBody();
  const { row, settings } = mailbox;
  if (typeof settings.webhookSigningKey !== 'string') return missingKey('webhookSigningKey');
  const verified = await verifyMailgunWebhook({
    rawBody: raw,
    signingKey: settings.webhookSigningKey,
    now,
    isReplay: mailgunReplayGuard(db, row.teamId, now, WEBHOOK_TOLERANCE_MS),
  });
  if (!verified.ok) return refusalOf(verified);
  const events = correlateMailgun(raw, verified.events);
  const counts = await applyProviderEvents(db, {
    teamId: row.teamId,
    mailboxId: row.id,
    source: 'mailgun',
    events,
    now,
  });
  return { ok: true, counts: { received: events.length, ...counts } };
}

import type { Db } from '../../db/client';
import { verifySendGridWebhook } from '../../providers/webhooks';
import { applyProviderEvents } from './apply-provider-event';
import { correlateSendGrid } from './event-correlation';
import { loadWebhookMailbox, missingKey, refusalOf, type WebhookReceipt } from './webhook-mailbox';

export interface SendGridDelivery {
  mailboxId: string;
  /** The body's bytes as sent (the signature covers them), read only once the mailbox is known. */
  rawBody: () => Promise<Uint8Array>;
  signature: string | undefined;
  timestamp: string | undefined;
}

/**
 * SendGrid's Signed Event Webhook for one mailbox: verified with the ECDSA key in its settings, then
 * each event applied to the email it correlates with. No Actor: the signature is the credential.
 */
export async function receiveSendGridEvents(
  { db, now, secretKey }: { db: Db; now: Date; secretKey: Buffer },
  input: SendGridDelivery,
): Promise<WebhookReceipt> {
  const mailbox = await loadWebhookMailbox(db, secretKey, input.mailboxId, 'sendgrid');
  if (!mailbox.ok) return mailbox;
  const raw = await input.rawBody();
  const { row, settings } = mailbox;
  if (typeof settings.webhookPublicKey !== 'string') return missingKey('webhookPublicKey');
  const verified = verifySendGridWebhook({
    rawBody: raw,
    signature: input.signature,
    timestamp: input.timestamp,
    publicKey: settings.webhookPublicKey,
    now,
  });
  if (!verified.ok) return refusalOf(verified);
  const events = correlateSendGrid(raw, verified.events);
  const counts = await applyProviderEvents(db, {
    teamId: row.teamId,
    mailboxId: row.id,
    source: 'sendgrid',
    events,
    now,
  });
  return { ok: true, counts: { received: events.length, ...counts } };
}

import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { mailboxes } from '../../db/schema';
import type { WebhookVerification } from '../../providers/webhooks';
import { invalid, notFound } from '../errors';
import { type MailboxSettings, mailboxProviderSettings } from '../mailboxes/mailbox-settings';
import type { EventOutcome, EventSource } from './apply-provider-event';

/**
 * What a provider's webhook call came to. A refusal is the caller failing to prove it is the provider
 * (unsigned, badly signed, stale, replayed, or nothing to check against): the HTTP layer answers it
 * as unauthenticated, the way it answers a missing bearer token. Nothing changed.
 */
export type WebhookReceipt =
  | { ok: true; counts: { received: number } & Record<EventOutcome, number> }
  | { ok: false; code: string; message: string };

export type WebhookRefusal = Extract<WebhookReceipt, { ok: false }>;

const notConfigured = (message: string): WebhookRefusal => ({
  ok: false,
  code: 'webhook_not_configured',
  message,
});

export const missingKey = (field: string) =>
  notConfigured(`the mailbox has no settings.${field}, so no signature can be checked`);

/** An unknown id and another provider's mailbox look the same: there is nothing here to verify against. */
export async function loadWebhookMailbox(
  db: Db,
  secretKey: Buffer,
  id: string,
  provider: EventSource,
): Promise<{ ok: true; row: typeof mailboxes.$inferSelect; settings: MailboxSettings } | WebhookRefusal> {
  const [row] = await db.select().from(mailboxes).where(eq(mailboxes.id, id));
  if (!row || row.provider !== provider) throw notFound(`${provider} mailbox`);
  try {
    return { ok: true, row, settings: mailboxProviderSettings(secretKey, row) };
  } catch {
    return notConfigured('the mailbox settings cannot be read; reconnect it');
  }
}

/** A failed verification: a body that is not the provider's format is invalid; anything else is refused. */
export function refusalOf(result: Extract<WebhookVerification, { ok: false }>): WebhookRefusal {
  if (result.refusal === 'malformed') throw invalid(result.detail);
  const code =
    result.refusal === 'bad_signature' || result.refusal === 'unsigned'
      ? 'invalid_signature'
      : result.refusal;
  return { ok: false, code, message: `webhook refused: ${result.detail}` };
}

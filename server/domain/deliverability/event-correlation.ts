import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { observedMessages } from '../../db/schema';
import type { WebhookEvent } from '../../providers/webhooks';
import type { CorrelatedEvent } from './apply-provider-event';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null ? (v as Rec) : {});
const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

function json(raw: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(raw).toString('utf8'));
  } catch {
    return null;
  }
}

/**
 * The Message-ID each event names, beside the parsed events (which carry only our correlation id).
 * SendGrid reports it as `smtp-id`, in the same array order as the events it verified.
 */
export function correlateSendGrid(raw: Uint8Array, events: WebhookEvent[]): CorrelatedEvent[] {
  const payload = json(raw);
  const items = Array.isArray(payload) ? payload : [];
  return events.map((e, i) => ({ ...e, messageId: text(rec(items[i])['smtp-id']) }));
}

/** Mailgun sends one event per request; the Message-ID sits in event-data.message.headers. */
export function correlateMailgun(raw: Uint8Array, events: WebhookEvent[]): CorrelatedEvent[] {
  const headers = rec(rec(rec(rec(json(raw))['event-data']).message).headers);
  const messageId = text(headers['message-id']) ?? text(headers['Message-Id']);
  return events.map((e) => ({ ...e, messageId }));
}

/**
 * Mailgun's replay check, kept in the database (observed_messages) so every API process shares it
 * and a restart does not forget: the insert either claims the token or finds it taken, in one
 * statement, so two concurrent deliveries of one request cannot both pass. Tokens older than twice
 * the timestamp tolerance can never pass the staleness check again, so they are pruned.
 */
export function mailgunReplayGuard(db: Db, teamId: string, now: Date, toleranceMs: number) {
  return async (token: string): Promise<boolean> => {
    await db
      .delete(observedMessages)
      .where(
        and(
          eq(observedMessages.teamId, teamId),
          eq(observedMessages.kind, 'mailgun_token'),
          lt(observedMessages.createdAt, new Date(now.getTime() - 2 * toleranceMs)),
        ),
      );
    const claimed = await db
      .insert(observedMessages)
      .values({
        teamId,
        messageKey: `mailgun-token:${token.slice(0, 200)}`,
        kind: 'mailgun_token',
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ key: observedMessages.messageKey });
    return claimed.length === 0;
  };
}

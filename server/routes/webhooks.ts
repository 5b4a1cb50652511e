import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../app-env';
import { mailboxes } from '../db/schema';
import { applyProviderEvents, type EventSource } from '../domain/deliverability/apply-provider-event';
import {
  correlateMailgun,
  correlateSendGrid,
  mailgunReplayGuard,
} from '../domain/deliverability/event-correlation';
import { type MailboxSettings, mailboxProviderSettings } from '../domain/mailboxes/mailbox-settings';
import { ApiError, notFound } from '../http/api-error';
import { createRouter, errorResponses, jsonResponse } from '../http/router';
import {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  verifyMailgunWebhook,
  verifySendGridWebhook,
  WEBHOOK_TOLERANCE_MS,
  type WebhookVerification,
} from '../providers/webhooks';

/** SendGrid batches events; its documented batches stay well under this. */
const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

const paramsSchema = z.object({ mailboxId: z.string().min(1).max(100) });
const resultSchema = z.object({
  received: z.number(),
  applied: z.number(),
  unchanged: z.number(),
  duplicate: z.number(),
  unmatched: z.number(),
  ignored: z.number(),
});
const responses = {
  200: jsonResponse(resultSchema, 'Verified; counts of what each event did'),
  400: errorResponses[400],
  401: { ...errorResponses[401], description: 'Unsigned, badly signed, stale or replayed: nothing changed' },
  404: { ...errorResponses[404], description: 'No mailbox of this provider has this id' },
};

const sendgridRoute = createRoute({
  method: 'post',
  path: '/webhooks/sendgrid/{mailboxId}',
  tags: ['webhooks'],
  description:
    'SendGrid Signed Event Webhook. Verified with the ECDSA key in the mailbox’s settings.webhookPublicKey ' +
    'over the raw body and the X-Twilio-Email-Event-Webhook-Timestamp header.',
  request: { params: paramsSchema },
  responses,
});

const mailgunRoute = createRoute({
  method: 'post',
  path: '/webhooks/mailgun/{mailboxId}',
  tags: ['webhooks'],
  description:
    'Mailgun JSON webhook. HMAC-SHA256 of timestamp + token with settings.webhookSigningKey; stale ' +
    'timestamps and reused tokens are refused.',
  request: { params: paramsSchema },
  responses,
});

function refusal(result: Exclude<WebhookVerification, { ok: true }>): ApiError {
  if (result.refusal === 'malformed') return new ApiError(400, 'invalid_request', result.detail);
  const code =
    result.refusal === 'bad_signature' || result.refusal === 'unsigned'
      ? 'invalid_signature'
      : result.refusal;
  return new ApiError(401, code, `webhook refused: ${result.detail}`);
}

export function webhookRoutes(deps: AppDeps) {
  const { db } = deps.database;

  /** An unknown id and another provider's mailbox look the same: there is nothing here to verify against. */
  async function loadMailbox(id: string, provider: EventSource) {
    const [row] = await db.select().from(mailboxes).where(eq(mailboxes.id, id));
    if (!row || row.provider !== provider) throw notFound(`${provider} mailbox`);
    let settings: MailboxSettings;
    try {
      settings = mailboxProviderSettings(deps.config.secretKey, row);
    } catch {
      throw new ApiError(401, 'webhook_not_configured', 'the mailbox settings cannot be read; reconnect it');
    }
    return { row, settings };
  }

  const notConfigured = (field: string) =>
    new ApiError(
      401,
      'webhook_not_configured',
      `the mailbox has no settings.${field}, so no signature can be checked`,
    );

  const router = createRouter();
  router.use('/webhooks/*', bodyLimit({ maxSize: MAX_WEBHOOK_BYTES }));
  return router
    .openapi(sendgridRoute, async (c) => {
      const { row, settings } = await loadMailbox(c.req.valid('param').mailboxId, 'sendgrid');
      // The signature covers the bytes as sent: read them before anything parses the body.
      const raw = new Uint8Array(await c.req.arrayBuffer());
      if (typeof settings.webhookPublicKey !== 'string') throw notConfigured('webhookPublicKey');
      const now = deps.now();
      const verified = verifySendGridWebhook({
        rawBody: raw,
        signature: c.req.header(SENDGRID_SIGNATURE_HEADER),
        timestamp: c.req.header(SENDGRID_TIMESTAMP_HEADER),
        publicKey: settings.webhookPublicKey,
        now,
      });
      if (!verified.ok) throw refusal(verified);
      const events = correlateSendGrid(raw, verified.events);
      const counts = await applyProviderEvents(db, {
        teamId: row.teamId,
        mailboxId: row.id,
        source: 'sendgrid',
        events,
        now,
      });
      return c.json({ received: events.length, ...counts }, 200);
    })
    .openapi(mailgunRoute, async (c) => {
      const { row, settings } = await loadMailbox(c.req.valid('param').mailboxId, 'mailgun');
      const raw = new Uint8Array(await c.req.arrayBuffer());
      if (typeof settings.webhookSigningKey !== 'string') throw notConfigured('webhookSigningKey');
      const now = deps.now();
      const verified = await verifyMailgunWebhook({
        rawBody: raw,
        signingKey: settings.webhookSigningKey,
        now,
        isReplay: mailgunReplayGuard(db, row.teamId, now, WEBHOOK_TOLERANCE_MS),
      });
      if (!verified.ok) throw refusal(verified);
      const events = correlateMailgun(raw, verified.events);
      const counts = await applyProviderEvents(db, {
        teamId: row.teamId,
        mailboxId: row.id,
        source: 'mailgun',
        events,
        now,
      });
      return c.json({ received: events.length, ...counts }, 200);
    });
}

import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonResponse } from '../../http/router';

/*
 * The body limit of these routes (larger than other routes': SendGrid batches events) is the `webhook`
 * kind of server/http/body-limit.ts, which the whole app applies before any route runs.
 */
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

export const receiveSendGridEvents = createRoute({
  method: 'post',
  path: '/webhooks/sendgrid/{mailboxId}',
  tags: ['webhooks'],
  description:
    'SendGrid Signed Event Webhook. Verified with the ECDSA key in the mailbox’s settings.webhookPublicKey ' +
    'over the raw body and the X-Twilio-Email-Event-Webhook-Timestamp header.',
  request: { params: paramsSchema },
  responses,
});

export const receiveMailgunEvents = createRoute({
  method: 'post',
  path: '/webhooks/mailgun/{mailboxId}',
  tags: ['webhooks'],
  description:
    'Mailgun JSON webhook. HMAC-SHA256 of timestamp + token with settings.webhookSigningKey; stale ' +
    'timestamps and reused tokens are refused.',
  request: { params: paramsSchema },
  responses,
});

export type ReceiveSendGridEventsRoute = typeof receiveSendGridEvents;
export type ReceiveMailgunEventsRoute = typeof receiveMailgunEvents;

import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../../app-env';
import { receiveMailgunEvents } from '../../domain/deliverability/receive-mailgun-events';
import { receiveSendGridEvents } from '../../domain/deliverability/receive-sendgrid-events';
import type { WebhookRefusal } from '../../domain/deliverability/webhook-mailbox';
import { ApiError } from '../../http/api-error';
import type { AppRouteHandler } from '../../http/router';
import { SENDGRID_SIGNATURE_HEADER, SENDGRID_TIMESTAMP_HEADER } from '../../providers/webhooks';
import type { ReceiveMailgunEventsRoute, ReceiveSendGridEventsRoute } from './webhooks.routes';

/** A caller that could not prove it is the provider is unauthenticated, as without a bearer token. */
const unauthenticated = (r: WebhookRefusal) => new ApiError(401, r.code, r.message);

/** The signature covers the bytes as sent: the use-case reads them before anything parses the body. */
const rawBody = (c: Context<AppEnv>) => async () => new Uint8Array(await c.req.arrayBuffer());

/** Unauthenticated routes: the provider's signature over the body is the only credential. */
export function webhookHandlers(deps: AppDeps) {
  const { db } = deps.database;
  const at = () => ({ db, now: deps.now(), secretKey: deps.config.secretKey });
  const receiveSendGridEventsHandler: AppRouteHandler<ReceiveSendGridEventsRoute> = async (c) => {
    const receipt = await receiveSendGridEvents(at(), {
      mailboxId: c.req.valid('param').mailboxId,
      rawBody: rawBody(c),
      signature: c.req.header(SENDGRID_SIGNATURE_HEADER),
      timestamp: c.req.header(SENDGRID_TIMESTAMP_HEADER),
    });
    if (!receipt.ok) throw unauthenticated(receipt);
    return c.json(receipt.counts, 200);
  };
  const receiveMailgunEventsHandler: AppRouteHandler<ReceiveMailgunEventsRoute> = async (c) => {
    const receipt = await receiveMailgunEvents(at(), {
      mailboxId: c.req.valid('param').mailboxId,
      rawBody: rawBody(c),
    });
    if (!receipt.ok) throw unauthenticated(receipt);
    return c.json(receipt.counts, 200);
  };
  return {
    receiveSendGridEvents: receiveSendGridEventsHandler,
    receiveMailgunEvents: receiveMailgunEventsHandler,
  };
}

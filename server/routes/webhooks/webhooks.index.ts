import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { webhookHandlers } from './webhooks.handlers';
import * as r from './webhooks.routes';

export function webhookRoutes(deps: AppDeps) {
  const h = webhookHandlers(deps);
  const router = createRouter();
  return router
    .openapi(r.receiveSendGridEvents, h.receiveSendGridEvents)
    .openapi(r.receiveMailgunEvents, h.receiveMailgunEvents);
}

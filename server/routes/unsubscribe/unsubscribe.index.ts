import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { unsubscribeHandlers } from './unsubscribe.handlers';
import * as r from './unsubscribe.routes';

export function unsubscribeRoutes(deps: AppDeps) {
  const h = unsubscribeHandlers(deps);
  return createRouter()
    .openapi(r.getUnsubscribePage, h.getUnsubscribePage)
    .openapi(r.unsubscribe, h.unsubscribe);
}

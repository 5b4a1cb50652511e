import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { emailHandlers } from './emails.handlers';
import * as r from './emails.routes';

export function emailRoutes(deps: AppDeps) {
  const h = emailHandlers(deps);
  return createRouter()
    .openapi(r.listEmails, h.listEmails)
    .openapi(r.getEmail, h.getEmail)
    .openapi(r.retryEmails, h.retryEmails);
}

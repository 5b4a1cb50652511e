import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { type MailboxRouteOptions, mailboxHandlers } from './mailboxes.handlers';
import * as r from './mailboxes.routes';

export type { MailboxRouteOptions } from './mailboxes.handlers';

export function mailboxRoutes(deps: AppDeps, opts: MailboxRouteOptions = {}) {
  const h = mailboxHandlers(deps, opts);
  return createRouter()
    .openapi(r.createMailbox, h.createMailbox)
    .openapi(r.listMailboxes, h.listMailboxes)
    .openapi(r.getMailbox, h.getMailbox)
    .openapi(r.patchMailbox, h.patchMailbox)
    .openapi(r.reconnectMailbox, h.reconnectMailbox)
    .openapi(r.deleteMailbox, h.deleteMailbox)
    .openapi(r.listMailboxShares, h.listMailboxShares)
    .openapi(r.shareMailbox, h.shareMailbox)
    .openapi(r.unshareMailbox, h.unshareMailbox)
    .openapi(r.checkMailboxHealth, h.checkMailboxHealth);
}

import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { accountHandlers } from './accounts.handlers';
import * as r from './accounts.routes';

export function accountRoutes(deps: AppDeps) {
  const h = accountHandlers(deps);
  return createRouter()
    .openapi(r.createAccount, h.createAccount)
    .openapi(r.updateAccount, h.updateAccount)
    .openapi(r.getAccount, h.getAccount)
    .openapi(r.listAccounts, h.listAccounts);
}

import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { blocklistHandlers } from './blocklist.handlers';
import * as r from './blocklist.routes';

export function blocklistRoutes(deps: AppDeps) {
  const h = blocklistHandlers(deps);
  return createRouter()
    .openapi(r.createBlocklistEntry, h.createBlocklistEntry)
    .openapi(r.listBlocklistEntries, h.listBlocklistEntries)
    .openapi(r.deleteBlocklistEntry, h.deleteBlocklistEntry);
}

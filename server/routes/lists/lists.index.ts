import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { listHandlers } from './lists.handlers';
import * as r from './lists.routes';

export function listRoutes(deps: AppDeps) {
  const h = listHandlers(deps);
  return createRouter()
    .openapi(r.createList, h.createList)
    .openapi(r.listLists, h.listLists)
    .openapi(r.getList, h.getList)
    .openapi(r.addListMembers, h.addListMembers)
    .openapi(r.listListMembers, h.listListMembers)
    .openapi(r.renameList, h.renameList)
    .openapi(r.removeListMembers, h.removeListMembers);
}

import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { changeHandlers } from './changes.handlers';
import * as r from './changes.routes';

export function changeRoutes(deps: AppDeps) {
  const h = changeHandlers(deps);
  return createRouter().openapi(r.listChanges, h.listChanges);
}

import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { parseOnlyHook, threadHandlers } from './threads.handlers';
import * as r from './threads.routes';

export function threadRoutes(deps: AppDeps) {
  const h = threadHandlers(deps);
  return createRouter().openapi(r.observeThread, h.observeThread, parseOnlyHook);
}

import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { preflightHandlers } from './preflight.handlers';
import * as r from './preflight.routes';

export function preflightRoutes(deps: AppDeps) {
  const h = preflightHandlers(deps);
  return createRouter().openapi(r.runPreflight, h.runPreflight);
}

import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { healthHandlers } from './health.handlers';
import * as r from './health.routes';

export function healthRoutes(deps: Pick<AppDeps, 'database'>) {
  const h = healthHandlers(deps);
  return createRouter().openapi(r.getHealth, h.getHealth);
}

import { Hono } from 'hono';
import type { AppDeps } from '../../app-env';
import { trackingHandlers } from './tracking.handlers';
import * as r from './tracking.routes';

export function trackingRoutes(deps: AppDeps) {
  const h = trackingHandlers(deps);
  return new Hono()
    .on([...r.trackClick.methods], r.trackClick.path, h.trackClick)
    .on([...r.trackOpen.methods], r.trackOpen.path, h.trackOpen);
}

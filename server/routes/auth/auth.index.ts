import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { authHandlers } from './auth.handlers';
import * as r from './auth.routes';

export function authRoutes(deps: AppDeps) {
  const h = authHandlers(deps);
  return createRouter().openapi(r.signOut, h.signOut).openapi(r.signIn, h.signIn);
}

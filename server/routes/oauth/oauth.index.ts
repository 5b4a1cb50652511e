import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { type OAuthRouteOptions, oauthHandlers } from './oauth.handlers';
import * as r from './oauth.routes';

export type { OAuthRouteOptions } from './oauth.handlers';

export function oauthRoutes(deps: AppDeps, opts: OAuthRouteOptions = {}) {
  const h = oauthHandlers(deps, opts);
  return createRouter()
    .openapi(r.startOAuthLink, h.startOAuthLink)
    .openapi(r.completeOAuthLink, h.completeOAuthLink);
}

import { createMiddleware } from 'hono/factory';
import type { AppDeps, AppEnv } from '../app-env';
import { batchedActorForToken } from '../auth/actor-for-token';
import { ApiError } from './api-error';

// 401 is about the request's credentials, not a domain rule, so it stays an HTTP error.
const unauthorized = () =>
  new ApiError(401, 'unauthorized', 'sign in first: send Authorization: Bearer <token>');

/** Resolves the bearer token to the caller (`c.get('user')`), or answers 401. */
export function requireAuth(deps: Pick<AppDeps, 'database' | 'now'>) {
  // One per app: the requests of one event-loop turn share a lookup (see batchedActorForToken).
  const actorFor = batchedActorForToken(deps.database.db, deps.now);
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S{1,200})$/i.exec(header);
    if (!match?.[1]) throw unauthorized();
    const actor = await actorFor(match[1]);
    if (!actor) throw unauthorized();
    c.set('user', actor);
    await next();
  });
}

import type { Hook } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../app-env';
import { reportThread } from '../../domain/replies/report-thread';
import type { AppRouteHandler } from '../../http/router';
import { validationErrorBody } from '../../http/validation';
import type { ObserveThreadRoute } from './threads.routes';

export function threadHandlers(deps: AppDeps) {
  const { db } = deps.database;
  const observeThreadHandler: AppRouteHandler<ObserveThreadRoute> = async (c) =>
    c.json(await reportThread({ db, now: deps.now() }, c.get('user'), c.req.valid('json')), 200);
  return { observeThread: observeThreadHandler };
}

/**
 * Only a failed parse is a 400 here: NUL and lone surrogates pass on, for the use-case to strip,
 * where the shared hook would refuse them.
 */
// biome-ignore lint/suspicious/noExplicitAny: the input type is the route's, checked where it is wired
export const parseOnlyHook: Hook<any, AppEnv, any, any> = (result, c) => {
  if (!result.success) return c.json(validationErrorBody(result.error), 400);
};

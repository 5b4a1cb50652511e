import type { AppDeps } from '../../app-env';
import { checkPreflight } from '../../domain/send-guard/check-preflight';
import type { AppRouteHandler } from '../../http/router';
import type { RunPreflightRoute } from './preflight.routes';

export function preflightHandlers(deps: AppDeps) {
  const { db } = deps.database;
  const runPreflightHandler: AppRouteHandler<RunPreflightRoute> = async (c) =>
    c.json(await checkPreflight({ db, now: deps.now() }, c.get('user'), c.req.valid('json')), 200);
  return { runPreflight: runPreflightHandler };
}

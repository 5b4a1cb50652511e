import type { AppDeps } from '../../app-env';
import { readUnsubscribeLink } from '../../domain/deliverability/read-unsubscribe-link';
import { unsubscribeByLink } from '../../domain/deliverability/unsubscribe-by-link';
import type { AppRouteHandler } from '../../http/router';
import { unsubscribePages as pages } from './unsubscribe.pages';
import type { GetUnsubscribePageRoute, UnsubscribeRoute } from './unsubscribe.routes';

/** Unauthenticated: the signed token in the path is the only credential. */
export function unsubscribeHandlers(deps: AppDeps) {
  const { db } = deps.database;
  const { secretKey } = deps.config;
  const getUnsubscribePageHandler: AppRouteHandler<GetUnsubscribePageRoute> = async (c) => {
    const shown = await readUnsubscribeLink({ db, secretKey }, c.req.valid('param').token);
    return shown.kind === 'confirm' ? pages.confirm(c, shown.from) : pages[shown.kind](c);
  };
  const unsubscribeHandler: AppRouteHandler<UnsubscribeRoute> = async (c) => {
    const done = await unsubscribeByLink({ db, now: deps.now(), secretKey }, c.req.valid('param').token);
    return pages[done.kind](c);
  };
  return { getUnsubscribePage: getUnsubscribePageHandler, unsubscribe: unsubscribeHandler };
}

import type { AppDeps } from '../../app-env';
import { listChanges } from '../../domain/changes/list-changes';
import type { AppRouteHandler } from '../../http/router';
import type { ListChangesRoute } from './changes.routes';

export function changeHandlers(deps: AppDeps) {
  const { db } = deps.database;
  const listChangesHandler: AppRouteHandler<ListChangesRoute> = async (c) =>
    c.json(await listChanges({ db }, c.get('user'), c.req.valid('query')), 200);
  return { listChanges: listChangesHandler };
}

import type { AppDeps } from '../../app-env';
import { createBlocklistEntry } from '../../domain/blocklist/create-blocklist-entry';
import { deleteBlocklistEntry } from '../../domain/blocklist/delete-blocklist-entry';
import { listBlocklistEntries } from '../../domain/blocklist/list-blocklist-entries';
import type { AppRouteHandler } from '../../http/router';
import type {
  CreateBlocklistEntryRoute,
  DeleteBlocklistEntryRoute,
  ListBlocklistEntriesRoute,
} from './blocklist.routes';

export function blocklistHandlers(deps: AppDeps) {
  const { db } = deps.database;
  const createBlocklistEntryHandler: AppRouteHandler<CreateBlocklistEntryRoute> = async (c) => {
    const { entry, created } = await createBlocklistEntry(
      { db, now: deps.now() },
      c.get('user'),
      c.req.valid('json'),
    );
    return created ? c.json(entry, 201) : c.json(entry, 200);
  };
  const listBlocklistEntriesHandler: AppRouteHandler<ListBlocklistEntriesRoute> = async (c) =>
    c.json(await listBlocklistEntries({ db }, c.get('user'), c.req.valid('query')), 200);
  const deleteBlocklistEntryHandler: AppRouteHandler<DeleteBlocklistEntryRoute> = async (c) => {
    await deleteBlocklistEntry({ db, now: deps.now() }, c.get('user'), c.req.valid('param').id);
    return c.body(null, 204);
  };
  return {
    createBlocklistEntry: createBlocklistEntryHandler,
    listBlocklistEntries: listBlocklistEntriesHandler,
    deleteBlocklistEntry: deleteBlocklistEntryHandler,
  };
}

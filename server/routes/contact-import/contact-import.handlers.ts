import type { AppDeps } from '../../app-env';
import { importContactCsv } from '../../domain/contacts/import-contact-csv';
import type { AppRouteHandler } from '../../http/router';
import type { ImportContactsRoute } from './contact-import.routes';

export function contactImportHandlers(deps: AppDeps) {
  const { db } = deps.database;
  const importContactsHandler: AppRouteHandler<ImportContactsRoute> = async (c) =>
    c.json(await importContactCsv({ db, now: deps.now() }, c.get('user'), await c.req.text()), 200);
  return { importContacts: importContactsHandler };
}

import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { contactImportHandlers } from './contact-import.handlers';
import * as r from './contact-import.routes';

export function contactImportRoutes(deps: AppDeps) {
  const h = contactImportHandlers(deps);
  return createRouter().openapi(r.importContacts, h.importContacts);
}

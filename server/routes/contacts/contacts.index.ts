import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { contactHandlers } from './contacts.handlers';
import * as r from './contacts.routes';

export function contactRoutes(deps: AppDeps) {
  const h = contactHandlers(deps);
  return createRouter()
    .openapi(r.createContact, h.createContact)
    .openapi(r.getContact, h.getContact)
    .openapi(r.patchContact, h.patchContact)
    .openapi(r.listContacts, h.listContacts)
    .openapi(r.getContactTimeline, h.getContactTimeline);
}

import type { AppDeps } from '../../app-env';
import { createContact } from '../../domain/contacts/create-contact';
import { getContact } from '../../domain/contacts/get-contact';
import { getContactTimeline } from '../../domain/contacts/get-contact-timeline';
import { listContacts } from '../../domain/contacts/list-contacts';
import { patchContact } from '../../domain/contacts/patch-contact';
import type { AppRouteHandler } from '../../http/router';
import type {
  CreateContactRoute,
  GetContactRoute,
  GetContactTimelineRoute,
  ListContactsRoute,
  PatchContactRoute,
} from './contacts.routes';

export function contactHandlers(deps: AppDeps) {
  const { db } = deps.database;
  const createContactHandler: AppRouteHandler<CreateContactRoute> = async (c) =>
    c.json(await createContact({ db, now: deps.now() }, c.get('user'), c.req.valid('json')), 201);
  const getContactHandler: AppRouteHandler<GetContactRoute> = async (c) =>
    c.json(await getContact({ db }, c.get('user'), c.req.valid('param').id), 200);
  const patchContactHandler: AppRouteHandler<PatchContactRoute> = async (c) =>
    c.json(
      await patchContact(
        { db, now: deps.now() },
        c.get('user'),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    );
  const listContactsHandler: AppRouteHandler<ListContactsRoute> = async (c) =>
    c.json(await listContacts({ db }, c.get('user'), c.req.valid('query')), 200);
  const getContactTimelineHandler: AppRouteHandler<GetContactTimelineRoute> = async (c) =>
    c.json(
      await getContactTimeline({ db }, c.get('user'), c.req.valid('param').id, c.req.valid('query')),
      200,
    );
  return {
    getContactTimeline: getContactTimelineHandler,
    createContact: createContactHandler,
    getContact: getContactHandler,
    patchContact: patchContactHandler,
    listContacts: listContactsHandler,
  };
}

import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, gt, inArray, type SQL } from 'drizzle-orm';
import { idListQuerySchema, idParamSchema, idSchema, pageOf } from '../../shared/schemas/common';
import { contactSchema, createContactSchema, patchContactSchema } from '../../shared/schemas/contact';
import { apiErrorSchema } from '../../shared/schemas/error';
import type { AppDeps } from '../app-env';
import { loadContactFor, visibleContacts } from '../auth/access';
import { contacts } from '../db/schema';
import { toContactDto } from '../domain/contacts/contact-dto';
import { contactMatches } from '../domain/contacts/contact-search';
import { createContact, updateContact } from '../domain/contacts/contact-writes';
import { pageQuerySchema, toPage } from '../http/pagination';
import { rejectProtoKeys } from '../http/reject-proto-keys';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../http/router';

const conflictResponse = jsonResponse(
  apiErrorSchema,
  'Another contact in the team has this email; `details.contactId` names it',
);

const listQuerySchema = pageQuerySchema.extend({
  email: z.string().max(320).optional().openapi({ description: 'Exact address, case-insensitive' }),
  q: z.string().trim().min(1).max(200).optional().openapi({ description: 'Search in name, email, company' }),
  ownerId: idSchema.optional(),
  stage: z.string().max(100).optional(),
  accountId: idSchema.optional(),
  ids: idListQuerySchema.optional().openapi({
    description:
      'Comma-separated contact ids (at most 500): a batch lookup. Ids the caller may not see, or that do not exist, are simply absent.',
  }),
});

const createContactRoute = createRoute({
  method: 'post',
  path: '/contacts',
  tags: ['contacts'],
  security: [{ bearer: [] }],
  description:
    'Creates a contact. Without `accountId`, a contact whose email domain matches an account is linked ' +
    'to it. Reps may leave `ownerId` empty (team pool) or set it to themselves.',
  middleware: [rejectProtoKeys] as const,
  request: { body: jsonBody(createContactSchema) },
  responses: { 201: jsonResponse(contactSchema, 'Created'), 409: conflictResponse, ...errorResponses },
});

const getContactRoute = createRoute({
  method: 'get',
  path: '/contacts/{id}',
  tags: ['contacts'],
  security: [{ bearer: [] }],
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(contactSchema, 'The contact'), ...errorResponses },
});

const patchContactRoute = createRoute({
  method: 'patch',
  path: '/contacts/{id}',
  tags: ['contacts'],
  security: [{ bearer: [] }],
  description:
    'Changes the given fields; `fields` replaces the custom fields as a whole. A new email resets ' +
    '`emailStatus` to unverified unless given. Changing the owner keeps existing tasks with the old one.',
  middleware: [rejectProtoKeys] as const,
  request: { params: idParamSchema, body: jsonBody(patchContactSchema) },
  responses: { 200: jsonResponse(contactSchema, 'The contact'), 409: conflictResponse, ...errorResponses },
});

const listContactsRoute = createRoute({
  method: 'get',
  path: '/contacts',
  tags: ['contacts'],
  security: [{ bearer: [] }],
  description: 'Contacts the caller may see, ordered by id; `nextCursor` fetches the next page.',
  request: { query: listQuerySchema },
  responses: { 200: jsonResponse(pageOf(contactSchema), 'Contacts'), ...errorResponses },
});

function listFilters(q: z.infer<typeof listQuerySchema>): SQL[] {
  const where: SQL[] = [];
  if (q.email !== undefined) where.push(eq(contacts.emailLower, q.email.trim().toLowerCase()));
  if (q.ownerId) where.push(eq(contacts.ownerId, q.ownerId));
  if (q.stage) where.push(eq(contacts.stage, q.stage));
  if (q.accountId) where.push(eq(contacts.accountId, q.accountId));
  if (q.ids) where.push(inArray(contacts.id, q.ids));
  if (q.cursor) where.push(gt(contacts.id, q.cursor));
  if (q.q) where.push(contactMatches(q.q, { company: true }));
  return where;
}

export function contactRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(createContactRoute, async (c) => {
      const row = await createContact(db, c.get('user'), c.req.valid('json'), deps.now());
      return c.json(toContactDto(row), 201);
    })
    .openapi(getContactRoute, async (c) => {
      const row = await loadContactFor(db, c.get('user'), c.req.valid('param').id);
      return c.json(toContactDto(row), 200);
    })
    .openapi(patchContactRoute, async (c) => {
      const { id } = c.req.valid('param');
      const row = await updateContact(db, c.get('user'), id, c.req.valid('json'), deps.now());
      return c.json(toContactDto(row), 200);
    })
    .openapi(listContactsRoute, async (c) => {
      const query = c.req.valid('query');
      const rows = await db
        .select()
        .from(contacts)
        .where(and(visibleContacts(c.get('user')), ...listFilters(query)))
        .orderBy(asc(contacts.id))
        .limit(query.limit + 1);
      const page = toPage(rows, query.limit);
      return c.json({ ...page, items: page.items.map(toContactDto) }, 200);
    });
}

import { createRoute, z } from '@hono/zod-openapi';
import { idListQuerySchema, idParamSchema, idSchema, pageOf } from '../../../shared/schemas/common';
import {
  contactSchema,
  contactStatusFilterSchema,
  createContactSchema,
  patchContactSchema,
} from '../../../shared/schemas/contact';
import { apiErrorSchema } from '../../../shared/schemas/error';
import { timelineItemSchema } from '../../../shared/schemas/timeline';
import { listRoute } from '../../http/list-route';
import { pageQuerySchema } from '../../http/pagination';
import { rejectProtoKeys } from '../../http/reject-proto-keys';
import { errorResponses, jsonBody, jsonResponse } from '../../http/router';

const tags = ['contacts'];
const security = [{ bearer: [] }];
const conflictResponse = jsonResponse(
  apiErrorSchema,
  'Another contact in the team has this email; `details.contactId` names it',
);

export const createContact = createRoute({
  method: 'post',
  path: '/contacts',
  tags,
  security,
  description:
    'Creates a contact. Without `accountId`, a contact whose email domain matches an account is linked ' +
    'to it. Reps may leave `ownerId` empty (team pool) or set it to themselves.',
  middleware: [rejectProtoKeys] as const,
  request: { body: jsonBody(createContactSchema) },
  responses: { 201: jsonResponse(contactSchema, 'Created'), 409: conflictResponse, ...errorResponses },
});

export const getContact = createRoute({
  method: 'get',
  path: '/contacts/{id}',
  tags,
  security,
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(contactSchema, 'The contact'), ...errorResponses },
});

export const patchContact = createRoute({
  method: 'patch',
  path: '/contacts/{id}',
  tags,
  security,
  description:
    'Changes the given fields; `fields` replaces the custom fields as a whole. A new email resets ' +
    '`emailStatus` to unverified unless given. Changing the owner keeps existing tasks with the old one.',
  middleware: [rejectProtoKeys] as const,
  request: { params: idParamSchema, body: jsonBody(patchContactSchema) },
  responses: { 200: jsonResponse(contactSchema, 'The contact'), 409: conflictResponse, ...errorResponses },
});

export const listContacts = listRoute({
  path: '/contacts',
  tags,
  description: 'Contacts the caller may see, ordered by id; `nextCursor` fetches the next page.',
  item: contactSchema,
  holds: 'Contacts',
  filters: {
    email: z.string().max(320).optional().openapi({ description: 'Exact address, case-insensitive' }),
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'Search in name, email, company' }),
    ownerId: idSchema.optional(),
    stage: z.string().max(100).optional(),
    accountId: idSchema.optional(),
    listId: idSchema.optional().openapi({ description: 'Members of this list' }),
    status: contactStatusFilterSchema.optional().openapi({
      description:
        'Contacts with an enrollment in this status (any sequence), or `not_enrolled` for contacts never enrolled',
    }),
    ids: idListQuerySchema.optional().openapi({
      description:
        'Comma-separated contact ids (at most 500): a batch lookup. Ids the caller may not see, or that do not exist, are simply absent.',
    }),
  },
});

export const getContactTimeline = createRoute({
  method: 'get',
  path: '/contacts/{id}/timeline',
  tags,
  security,
  description:
    'Everything that happened to the contact, newest first: emails (with their status and reason now), ' +
    'replies, out-of-office answers, pauses, clicks, tasks, and who did what. `nextCursor` pages to older items.',
  request: { params: idParamSchema, query: pageQuerySchema },
  responses: { 200: jsonResponse(pageOf(timelineItemSchema), 'The timeline'), ...errorResponses },
});

export type GetContactTimelineRoute = typeof getContactTimeline;
export type CreateContactRoute = typeof createContact;
export type GetContactRoute = typeof getContact;
export type PatchContactRoute = typeof patchContact;
export type ListContactsRoute = typeof listContacts;

import { createRoute } from '@hono/zod-openapi';
import { idParamSchema, pageOf } from '../../../shared/schemas/common';
import { contactSchema } from '../../../shared/schemas/contact';
import {
  addListMembersResultSchema,
  addListMembersSchema,
  createListSchema,
  listSchema,
  patchListSchema,
  removeListMembersResultSchema,
  removeListMembersSchema,
} from '../../../shared/schemas/list';
import { listRoute } from '../../http/list-route';
import { pageQuerySchema } from '../../http/pagination';
import { errorResponses, jsonBody, jsonResponse } from '../../http/router';

const tags = ['lists'];
const security = [{ bearer: [] }];

export const createList = createRoute({
  method: 'post',
  path: '/lists',
  tags,
  security,
  description: 'Lists are shared by the team: every member sees them and may add contacts they can see.',
  request: { body: jsonBody(createListSchema) },
  responses: { 201: jsonResponse(listSchema, 'Created'), ...errorResponses },
});

export const listLists = listRoute({
  path: '/lists',
  tags,
  item: listSchema,
  holds: "The team's lists",
  filters: {},
});

export const getList = createRoute({
  method: 'get',
  path: '/lists/{id}',
  tags,
  security,
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(listSchema, 'The list'), ...errorResponses },
});

export const addListMembers = createRoute({
  method: 'post',
  path: '/lists/{id}/members',
  tags,
  security,
  description: 'Adds contacts; ids already on the list are counted, unknown or hidden ones are returned.',
  request: { params: idParamSchema, body: jsonBody(addListMembersSchema) },
  responses: { 200: jsonResponse(addListMembersResultSchema, 'What was added'), ...errorResponses },
});

export const listListMembers = createRoute({
  method: 'get',
  path: '/lists/{id}/members',
  tags,
  security,
  description: 'The members the caller may see, as contacts ordered by id.',
  request: { params: idParamSchema, query: pageQuerySchema },
  responses: { 200: jsonResponse(pageOf(contactSchema), 'Contacts on the list'), ...errorResponses },
});

export const renameList = createRoute({
  method: 'patch',
  path: '/lists/{id}',
  tags,
  security,
  description: "Renames a list; lists are the team's, so any member may.",
  request: { params: idParamSchema, body: jsonBody(patchListSchema) },
  responses: { 200: jsonResponse(listSchema, 'The list'), ...errorResponses },
});

export const removeListMembers = createRoute({
  method: 'post',
  path: '/lists/{id}/members/remove',
  tags,
  security,
  description:
    'Takes contacts off the list (the contacts stay). Only members the caller may see are removed; ' +
    'the other ids come back in `notMembers`.',
  request: { params: idParamSchema, body: jsonBody(removeListMembersSchema) },
  responses: { 200: jsonResponse(removeListMembersResultSchema, 'What was removed'), ...errorResponses },
});

export type RenameListRoute = typeof renameList;
export type RemoveListMembersRoute = typeof removeListMembers;
export type CreateListRoute = typeof createList;
export type ListListsRoute = typeof listLists;
export type GetListRoute = typeof getList;
export type AddListMembersRoute = typeof addListMembers;
export type ListListMembersRoute = typeof listListMembers;

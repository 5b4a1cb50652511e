import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema, idSchema } from '../../../shared/schemas/common';
import { accountSchema, createAccountSchema, patchAccountSchema } from '../../../shared/schemas/contact';
import { apiErrorSchema } from '../../../shared/schemas/error';
import { listRoute } from '../../http/list-route';
import { errorResponses, jsonBody, jsonResponse } from '../../http/router';

const tags = ['accounts'];
const security = [{ bearer: [] }];

const conflictResponse = jsonResponse(
  apiErrorSchema,
  'Another account in the team has this domain; `details.accountId` names it',
);

export const createAccount = createRoute({
  method: 'post',
  path: '/accounts',
  tags,
  security,
  description: 'One account per domain in a team; contacts created later with that domain link to it.',
  request: { body: jsonBody(createAccountSchema) },
  responses: { 201: jsonResponse(accountSchema, 'Created'), 409: conflictResponse, ...errorResponses },
});

export const updateAccount = createRoute({
  method: 'patch',
  path: '/accounts/{id}',
  tags,
  security,
  request: { params: idParamSchema, body: jsonBody(patchAccountSchema) },
  responses: { 200: jsonResponse(accountSchema, 'The account'), 409: conflictResponse, ...errorResponses },
});

export const getAccount = createRoute({
  method: 'get',
  path: '/accounts/{id}',
  tags,
  security,
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(accountSchema, 'The account'), ...errorResponses },
});

export const listAccounts = listRoute({
  path: '/accounts',
  tags,
  description: "The team's accounts, ordered by id; `nextCursor` fetches the next page.",
  item: accountSchema,
  holds: 'Accounts',
  filters: {
    q: z.string().trim().min(1).max(200).optional().openapi({ description: 'Search in name and domain' }),
    domain: z.string().trim().toLowerCase().max(253).optional(),
    stage: z.string().max(100).optional(),
    ownerId: idSchema.optional(),
  },
});

export type CreateAccountRoute = typeof createAccount;
export type UpdateAccountRoute = typeof updateAccount;
export type GetAccountRoute = typeof getAccount;
export type ListAccountsRoute = typeof listAccounts;

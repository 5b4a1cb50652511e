import { createRoute } from '@hono/zod-openapi';
import { idParamSchema } from '../../../shared/schemas/common';
import {
  changePasswordBodySchema,
  changePasswordResultSchema,
  createUserBodySchema,
  teamUserSchema,
  transferBodySchema,
  transferResultSchema,
  updateUserBodySchema,
  userSchema,
} from '../../../shared/schemas/user';
import { listRoute } from '../../http/list-route';
import { errorResponses, jsonBody, jsonResponse } from '../../http/router';

const tags = ['users'];
const security = [{ bearer: [] }];

export const createUser = createRoute({
  method: 'post',
  path: '/users',
  tags,
  security,
  request: { body: jsonBody(createUserBodySchema) },
  responses: { 201: jsonResponse(userSchema, 'Created'), 409: errorResponses[400], ...errorResponses },
});

export const listUsers = listRoute({
  path: '/users',
  tags,
  item: teamUserSchema,
  holds: 'Users',
  filters: {},
});

export const getMe = createRoute({
  method: 'get',
  path: '/me',
  tags,
  security,
  responses: { 200: jsonResponse(userSchema, 'The signed-in user'), ...errorResponses },
});

export const updateUser = createRoute({
  method: 'patch',
  path: '/users/{id}',
  tags,
  security,
  request: { params: idParamSchema, body: jsonBody(updateUserBodySchema) },
  responses: {
    200: jsonResponse(teamUserSchema, 'Updated; `active: false` revoked their tokens'),
    409: { description: 'It would leave the team without an active admin' },
    ...errorResponses,
  },
});

export const transferUser = createRoute({
  method: 'post',
  path: '/users/{id}/transfer',
  tags,
  security,
  request: { params: idParamSchema, body: jsonBody(transferBodySchema) },
  responses: { 200: jsonResponse(transferResultSchema, 'Everything moved, counted'), ...errorResponses },
});

export const changePassword = createRoute({
  method: 'post',
  path: '/me/password',
  tags,
  security,
  request: { body: jsonBody(changePasswordBodySchema) },
  responses: {
    200: jsonResponse(changePasswordResultSchema, 'Changed; other sign-ins revoked, this one kept'),
    429: { description: 'Too many wrong current passwords' },
    ...errorResponses,
  },
});

export type CreateUserRoute = typeof createUser;
export type ListUsersRoute = typeof listUsers;
export type GetMeRoute = typeof getMe;
export type UpdateUserRoute = typeof updateUser;
export type TransferUserRoute = typeof transferUser;
export type ChangePasswordRoute = typeof changePassword;

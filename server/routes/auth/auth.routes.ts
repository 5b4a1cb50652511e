import { createRoute } from '@hono/zod-openapi';
import { loginBodySchema, loginResponseSchema, logoutResultSchema } from '../../../shared/schemas/user';
import { errorResponses, jsonBody, jsonResponse } from '../../http/router';

const tags = ['auth'];

export const signIn = createRoute({
  method: 'post',
  path: '/login',
  tags,
  request: { body: jsonBody(loginBodySchema) },
  responses: {
    200: jsonResponse(loginResponseSchema, 'Signed in'),
    400: errorResponses[400],
    401: errorResponses[401],
    429: { description: 'Too many failed attempts' },
  },
});

export const signOut = createRoute({
  method: 'post',
  path: '/logout',
  tags,
  security: [{ bearer: [] }],
  responses: { 200: jsonResponse(logoutResultSchema, 'The token used is revoked'), 401: errorResponses[401] },
});

export type SignInRoute = typeof signIn;
export type SignOutRoute = typeof signOut;

import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { idParamSchema } from '../../shared/schemas/common';
import {
  changePasswordBodySchema,
  changePasswordResultSchema,
  createUserBodySchema,
  teamUserSchema,
  transferBodySchema,
  transferResultSchema,
  updateUserBodySchema,
  userSchema,
} from '../../shared/schemas/user';
import type { AppDeps } from '../app-env';
import { hashPassword } from '../auth/password';
import { newId } from '../db/ids';
import { users } from '../db/schema';
import { assertAdmin } from '../domain/actor';
import { changePassword } from '../domain/users/change-password';
import { transferUser } from '../domain/users/transfer-user';
import { updateUser } from '../domain/users/update-user';
import { toTeamUserDto } from '../domain/users/user-dto';
import { conflict } from '../http/api-error';
import { bearerToken } from '../http/bearer-token';
import { pageQuerySchema, toPage } from '../http/pagination';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../http/router';

/** The only way a user row leaves the server: no hash, no tokens. */
export function toUserDto(u: { id: string; email: string; name: string; role: 'admin' | 'rep' }) {
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

const createUser = createRoute({
  method: 'post',
  path: '/users',
  tags: ['users'],
  security: [{ bearer: [] }],
  request: { body: jsonBody(createUserBodySchema) },
  responses: { 201: jsonResponse(userSchema, 'Created'), 409: errorResponses[400], ...errorResponses },
});

const listUsers = createRoute({
  method: 'get',
  path: '/users',
  tags: ['users'],
  security: [{ bearer: [] }],
  request: { query: pageQuerySchema },
  responses: {
    200: jsonResponse(
      z.object({ items: z.array(teamUserSchema), nextCursor: z.string().optional() }),
      'Users',
    ),
    ...errorResponses,
  },
});

const me = createRoute({
  method: 'get',
  path: '/me',
  tags: ['users'],
  security: [{ bearer: [] }],
  responses: { 200: jsonResponse(userSchema, 'The signed-in user'), ...errorResponses },
});

const patchUser = createRoute({
  method: 'patch',
  path: '/users/{id}',
  tags: ['users'],
  security: [{ bearer: [] }],
  request: { params: idParamSchema, body: jsonBody(updateUserBodySchema) },
  responses: {
    200: jsonResponse(teamUserSchema, 'Updated; `active: false` revoked their tokens'),
    409: { description: 'It would leave the team without an active admin' },
    ...errorResponses,
  },
});

const transfer = createRoute({
  method: 'post',
  path: '/users/{id}/transfer',
  tags: ['users'],
  security: [{ bearer: [] }],
  request: { params: idParamSchema, body: jsonBody(transferBodySchema) },
  responses: { 200: jsonResponse(transferResultSchema, 'Everything moved, counted'), ...errorResponses },
});

const changeMyPassword = createRoute({
  method: 'post',
  path: '/me/password',
  tags: ['users'],
  security: [{ bearer: [] }],
  request: { body: jsonBody(changePasswordBodySchema) },
  responses: {
    200: jsonResponse(changePasswordResultSchema, 'Changed; other sign-ins revoked, this one kept'),
    ...errorResponses,
  },
});

export function userRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(createUser, async (c) => {
      const me = c.get('user');
      assertAdmin(me);
      const body = c.req.valid('json');
      const [clash] = await db
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${body.email.toLowerCase()}`);
      if (clash) throw conflict('a user with this email already exists');
      const row = {
        id: newId('usr'),
        teamId: me.teamId,
        email: body.email,
        name: body.name,
        role: body.role,
        passwordHash: await hashPassword(body.password),
      };
      await db.insert(users).values(row);
      return c.json(toUserDto(row), 201);
    })
    .openapi(listUsers, async (c) => {
      const me = c.get('user');
      assertAdmin(me);
      const { limit, cursor } = c.req.valid('query');
      const rows = await db
        .select()
        .from(users)
        .where(and(eq(users.teamId, me.teamId), cursor ? gt(users.id, cursor) : undefined))
        .orderBy(asc(users.id))
        .limit(limit + 1);
      const page = toPage(rows, limit);
      return c.json({ ...page, items: page.items.map(toTeamUserDto) }, 200);
    })
    .openapi(patchUser, async (c) => {
      const user = await updateUser(
        { db, now: deps.now() },
        c.get('user'),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(user, 200);
    })
    .openapi(transfer, async (c) => {
      const result = await transferUser(
        { db, now: deps.now() },
        c.get('user'),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(result, 200);
    })
    .openapi(changeMyPassword, async (c) => {
      const result = await changePassword({ db, now: deps.now() }, c.get('user'), {
        ...c.req.valid('json'),
        token: bearerToken(c),
      });
      return c.json(result, 200);
    })
    .openapi(me, (c) => c.json(toUserDto(c.get('user')), 200));
}

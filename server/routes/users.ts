import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { createUserBodySchema, userSchema } from '../../shared/schemas/user';
import type { AppDeps } from '../app-env';
import { hashPassword } from '../auth/password';
import { newId } from '../db/ids';
import { users } from '../db/schema';
import { assertAdmin } from '../domain/actor';
import { conflict } from '../http/api-error';
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
    200: jsonResponse(z.object({ items: z.array(userSchema), nextCursor: z.string().optional() }), 'Users'),
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
      return c.json({ ...page, items: page.items.map(toUserDto) }, 200);
    })
    .openapi(me, (c) => c.json(toUserDto(c.get('user')), 200));
}

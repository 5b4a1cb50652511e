import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, gt } from 'drizzle-orm';
import { idParamSchema, pageOf } from '../../shared/schemas/common';
import { apiErrorSchema } from '../../shared/schemas/error';
import {
  createSnippetSchema,
  patchSnippetSchema,
  type SnippetDto,
  snippetDtoSchema,
} from '../../shared/schemas/snippet';
import { validateTemplate } from '../../shared/template/validate';
import type { AppDeps, AuthUser } from '../app-env';
import type { Db } from '../db/client';
import { newId } from '../db/ids';
import { snippets } from '../db/schema';
import { isUniqueViolation } from '../domain/contacts/team-refs';
import { ApiError, conflict, forbidden, notFound } from '../http/api-error';
import { pageQuerySchema, toPage } from '../http/pagination';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../http/router';

type SnippetRow = typeof snippets.$inferSelect;
const toSnippetDto = (s: SnippetRow): SnippetDto => ({
  id: s.id,
  name: s.name,
  body: s.body,
  ownerId: s.ownerId,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

const conflictResponse = jsonResponse(apiErrorSchema, 'The team already has a snippet of this name');
const tags = ['snippets'];
const security = [{ bearer: [] }];

const createSnippetRoute = createRoute({
  method: 'post',
  path: '/snippets',
  tags,
  security,
  description:
    'Templates include a snippet as `{{snippet.NAME}}`; names are unique in the team and case-sensitive. ' +
    'The body is checked like a template: problems answer 400 with their positions in `details`.',
  request: { body: jsonBody(createSnippetSchema) },
  responses: { 201: jsonResponse(snippetDtoSchema, 'Created'), 409: conflictResponse, ...errorResponses },
});

const listSnippetsRoute = createRoute({
  method: 'get',
  path: '/snippets',
  tags,
  security,
  request: { query: pageQuerySchema.extend({ name: z.string().max(100).optional() }) },
  responses: { 200: jsonResponse(pageOf(snippetDtoSchema), "The team's snippets"), ...errorResponses },
});

const getSnippetRoute = createRoute({
  method: 'get',
  path: '/snippets/{id}',
  tags,
  security,
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(snippetDtoSchema, 'The snippet'), ...errorResponses },
});

const patchSnippetRoute = createRoute({
  method: 'patch',
  path: '/snippets/{id}',
  tags,
  security,
  description: 'Its owner or an admin may change it. Renaming breaks templates that use the old name.',
  request: { params: idParamSchema, body: jsonBody(patchSnippetSchema) },
  responses: { 200: jsonResponse(snippetDtoSchema, 'The snippet'), 409: conflictResponse, ...errorResponses },
});

const deleteSnippetRoute = createRoute({
  method: 'delete',
  path: '/snippets/{id}',
  tags,
  security,
  description:
    'Its owner or an admin may delete it; sends whose template still uses it stop as missing_snippet.',
  request: { params: idParamSchema },
  responses: { 204: { description: 'Deleted' }, ...errorResponses },
});

function assertValidBody(body: string | undefined): void {
  if (body === undefined) return;
  const problems = validateTemplate(body);
  if (problems.length === 0) return;
  throw new ApiError(
    400,
    'invalid_template',
    `body: ${problems[0]?.message}`,
    problems.map((p) => ({ path: 'body', message: p.message, index: p.index })),
  );
}

async function loadSnippet(db: Db, user: AuthUser, id: string): Promise<SnippetRow> {
  const [row] = await db
    .select()
    .from(snippets)
    .where(and(eq(snippets.teamId, user.teamId), eq(snippets.id, id)));
  if (!row) throw notFound('snippet');
  return row;
}

/** The whole team uses snippets; only their author (or an admin) may change what everyone sends. */
function assertMayEdit(user: AuthUser, row: SnippetRow): void {
  if (user.role !== 'admin' && row.ownerId !== user.id)
    throw forbidden('only its owner or an admin may change a snippet');
}

async function uniqueName<T>(db: Db, teamId: string, name: string, write: () => Promise<T>): Promise<T> {
  const [clash] = await db
    .select({ id: snippets.id })
    .from(snippets)
    .where(and(eq(snippets.teamId, teamId), eq(snippets.name, name)));
  const taken = () => conflict(`a snippet named "${name}" already exists`, { snippetId: clash?.id });
  if (clash) throw taken();
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
}

export function snippetRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(createSnippetRoute, async (c) => {
      const user = c.get('user');
      const body = c.req.valid('json');
      assertValidBody(body.body);
      const now = deps.now();
      const row = await uniqueName(db, user.teamId, body.name, async () => {
        const values = {
          id: newId('snp', now.getTime()),
          teamId: user.teamId,
          ownerId: user.id,
          createdAt: now,
        };
        const [inserted] = await db
          .insert(snippets)
          .values({ ...values, name: body.name, body: body.body, updatedAt: now })
          .returning();
        if (!inserted) throw new Error('insert returned no row');
        return inserted;
      });
      return c.json(toSnippetDto(row), 201);
    })
    .openapi(listSnippetsRoute, async (c) => {
      const q = c.req.valid('query');
      const rows = await db
        .select()
        .from(snippets)
        .where(
          and(
            eq(snippets.teamId, c.get('user').teamId),
            q.name ? eq(snippets.name, q.name) : undefined,
            q.cursor ? gt(snippets.id, q.cursor) : undefined,
          ),
        )
        .orderBy(asc(snippets.id))
        .limit(q.limit + 1);
      const page = toPage(rows, q.limit);
      return c.json({ ...page, items: page.items.map(toSnippetDto) }, 200);
    })
    .openapi(getSnippetRoute, async (c) => {
      const row = await loadSnippet(db, c.get('user'), c.req.valid('param').id);
      return c.json(toSnippetDto(row), 200);
    })
    .openapi(patchSnippetRoute, async (c) => {
      const user = c.get('user');
      const body = c.req.valid('json');
      const current = await loadSnippet(db, user, c.req.valid('param').id);
      assertMayEdit(user, current);
      assertValidBody(body.body);
      const changes: Partial<Pick<SnippetRow, 'name' | 'body'>> = {};
      if (body.name !== undefined && body.name !== current.name) changes.name = body.name;
      if (body.body !== undefined && body.body !== current.body) changes.body = body.body;
      if (Object.keys(changes).length === 0) return c.json(toSnippetDto(current), 200);
      const write = async () => {
        const [updated] = await db
          .update(snippets)
          .set({ ...changes, updatedAt: deps.now() })
          .where(eq(snippets.id, current.id))
          .returning();
        if (!updated) throw notFound('snippet');
        return updated;
      };
      const row = changes.name ? await uniqueName(db, user.teamId, changes.name, write) : await write();
      return c.json(toSnippetDto(row), 200);
    })
    .openapi(deleteSnippetRoute, async (c) => {
      const user = c.get('user');
      const current = await loadSnippet(db, user, c.req.valid('param').id);
      assertMayEdit(user, current);
      await db.delete(snippets).where(eq(snippets.id, current.id));
      return c.body(null, 204);
    });
}

import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, gt } from 'drizzle-orm';
import { idParamSchema, pageOf } from '../../shared/schemas/common';
import { blocklistEntrySchema, blocklistInputSchema } from '../../shared/schemas/contact';
import type { AppDeps } from '../app-env';
import { requireAdmin } from '../auth/middleware';
import { newId } from '../db/ids';
import { blocklist } from '../db/schema';
import { recordActivity } from '../domain/activity';
import { notFound } from '../http/api-error';
import { pageQuerySchema, toPage } from '../http/pagination';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../http/router';

type BlocklistRow = typeof blocklist.$inferSelect;
const toEntryDto = (r: BlocklistRow) => ({
  id: r.id,
  kind: r.kind,
  value: r.value,
  createdAt: r.createdAt.toISOString(),
});

const listQuerySchema = pageQuerySchema.extend({
  kind: z.enum(['email', 'domain']).optional(),
  value: z.string().trim().toLowerCase().max(320).optional().openapi({ description: 'Exact value' }),
});

const addRoute = createRoute({
  method: 'post',
  path: '/blocklist',
  tags: ['blocklist'],
  security: [{ bearer: [] }],
  description:
    'Any team member may block an address or a whole domain. Values are stored lower-cased; adding one ' +
    'that is already there answers 200 with the existing entry.',
  request: { body: jsonBody(blocklistInputSchema) },
  responses: {
    201: jsonResponse(blocklistEntrySchema, 'Added'),
    200: jsonResponse(blocklistEntrySchema, 'Already blocked: the existing entry'),
    ...errorResponses,
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/blocklist',
  tags: ['blocklist'],
  security: [{ bearer: [] }],
  request: { query: listQuerySchema },
  responses: {
    200: jsonResponse(pageOf(blocklistEntrySchema), 'Blocked emails and domains'),
    ...errorResponses,
  },
});

const removeRoute = createRoute({
  method: 'delete',
  path: '/blocklist/{id}',
  tags: ['blocklist'],
  security: [{ bearer: [] }],
  description:
    'Admins only: unblocking lets sequences write to someone who may have asked not to be contacted.',
  request: { params: idParamSchema },
  responses: { 204: { description: 'Removed' }, ...errorResponses },
});

export function blocklistRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(addRoute, async (c) => {
      const user = c.get('user');
      const { kind, value } = c.req.valid('json');
      const now = deps.now();
      const result = await db.transaction(async (tx) => {
        const [inserted] = await tx
          .insert(blocklist)
          .values({ id: newId('blk', now.getTime()), teamId: user.teamId, kind, value, createdAt: now })
          .onConflictDoNothing({ target: [blocklist.teamId, blocklist.kind, blocklist.value] })
          .returning();
        if (inserted) {
          const data = { blocklistId: inserted.id, kind, value };
          await recordActivity(tx, {
            teamId: user.teamId,
            kind: 'blocklist_added',
            actorId: user.id,
            data,
            at: now,
          });
          return { row: inserted, created: true };
        }
        const [existing] = await tx
          .select()
          .from(blocklist)
          .where(
            and(eq(blocklist.teamId, user.teamId), eq(blocklist.kind, kind), eq(blocklist.value, value)),
          );
        if (!existing) throw new Error('blocklist entry vanished during insert');
        return { row: existing, created: false };
      });
      return result.created ? c.json(toEntryDto(result.row), 201) : c.json(toEntryDto(result.row), 200);
    })
    .openapi(listRoute, async (c) => {
      const q = c.req.valid('query');
      const rows = await db
        .select()
        .from(blocklist)
        .where(
          and(
            eq(blocklist.teamId, c.get('user').teamId),
            q.kind ? eq(blocklist.kind, q.kind) : undefined,
            q.value ? eq(blocklist.value, q.value) : undefined,
            q.cursor ? gt(blocklist.id, q.cursor) : undefined,
          ),
        )
        .orderBy(asc(blocklist.id))
        .limit(q.limit + 1);
      const page = toPage(rows, q.limit);
      return c.json({ ...page, items: page.items.map(toEntryDto) }, 200);
    })
    .openapi(removeRoute, async (c) => {
      const user = c.get('user');
      requireAdmin(user);
      const { id } = c.req.valid('param');
      const now = deps.now();
      const removed = await db.transaction(async (tx) => {
        const [row] = await tx
          .delete(blocklist)
          .where(and(eq(blocklist.teamId, user.teamId), eq(blocklist.id, id)))
          .returning();
        if (!row) return null;
        const data = { blocklistId: row.id, kind: row.kind, value: row.value };
        await recordActivity(tx, {
          teamId: user.teamId,
          kind: 'blocklist_removed',
          actorId: user.id,
          data,
          at: now,
        });
        return row;
      });
      if (!removed) throw notFound('blocklist entry');
      return c.body(null, 204);
    });
}

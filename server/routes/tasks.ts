import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, gt } from 'drizzle-orm';
import { idParamSchema, idSchema } from '../../shared/schemas/common';
import { completeTaskBodySchema, taskSchema } from '../../shared/schemas/email';
import type { AppDeps } from '../app-env';
import { tasks } from '../db/schema';
import { completeTask } from '../domain/tasks/complete-task';
import { toTaskDto } from '../domain/tasks/dto';
import { forbidden } from '../http/api-error';
import { pageQuerySchema, toPage } from '../http/pagination';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../http/router';

const base = { tags: ['tasks'], security: [{ bearer: [] }] };

const list = createRoute({
  ...base,
  method: 'get',
  path: '/tasks',
  request: {
    query: pageQuerySchema.extend({
      status: taskSchema.shape.status.optional(),
      type: taskSchema.shape.type.optional(),
      contactId: idSchema.optional(),
      sequenceId: idSchema.optional(),
      /** Admins only: whose tasks to list (default: the caller's). */
      ownerId: idSchema.optional(),
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({ items: z.array(taskSchema), nextCursor: z.string().optional() }),
      'The caller’s tasks (an admin may ask for another owner’s)',
    ),
    ...errorResponses,
  },
});

const complete = createRoute({
  ...base,
  method: 'post',
  path: '/tasks/{id}/complete',
  request: { params: idParamSchema, body: { ...jsonBody(completeTaskBodySchema), required: false } },
  responses: {
    200: jsonResponse(taskSchema, 'The completed task; the enrollment moved to its next step'),
    409: { description: 'The task is not open', content: errorResponses[400].content },
    ...errorResponses,
  },
});

export function taskRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(list, async (c) => {
      const user = c.get('user');
      const q = c.req.valid('query');
      if (q.ownerId && q.ownerId !== user.id && user.role !== 'admin') {
        throw forbidden('only an admin can list another user’s tasks');
      }
      const rows = await db
        .select()
        .from(tasks)
        .where(
          and(
            eq(tasks.teamId, user.teamId),
            eq(tasks.ownerId, q.ownerId ?? user.id),
            q.status ? eq(tasks.status, q.status) : undefined,
            q.type ? eq(tasks.type, q.type) : undefined,
            q.contactId ? eq(tasks.contactId, q.contactId) : undefined,
            q.sequenceId ? eq(tasks.sequenceId, q.sequenceId) : undefined,
            q.cursor ? gt(tasks.id, q.cursor) : undefined,
          ),
        )
        .orderBy(asc(tasks.id))
        .limit(q.limit + 1);
      const page = toPage(rows, q.limit);
      return c.json({ ...page, items: page.items.map(toTaskDto) }, 200);
    })
    .openapi(complete, async (c) => {
      const body = (c.req.valid('json') as z.infer<typeof completeTaskBodySchema> | undefined) ?? {};
      const row = await completeTask(db, c.get('user'), c.req.valid('param').id, body, deps.now());
      return c.json(toTaskDto(row), 200);
    });
}

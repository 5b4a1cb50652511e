import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema, idSchema } from '../../../shared/schemas/common';
import { completeTaskBodySchema, taskSchema } from '../../../shared/schemas/email';
import { pageQuerySchema } from '../../http/pagination';
import { errorResponses, jsonBody, jsonResponse } from '../../http/router';

const tags = ['tasks'];
const security = [{ bearer: [] }];

export const listTasks = createRoute({
  method: 'get',
  path: '/tasks',
  tags,
  security,
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

export const completeTask = createRoute({
  method: 'post',
  path: '/tasks/{id}/complete',
  tags,
  security,
  request: { params: idParamSchema, body: { ...jsonBody(completeTaskBodySchema), required: false } },
  responses: {
    200: jsonResponse(taskSchema, 'The completed task; the enrollment moved to its next step'),
    409: { description: 'The task is not open', content: errorResponses[400].content },
    ...errorResponses,
  },
});

export type ListTasksRoute = typeof listTasks;
export type CompleteTaskRoute = typeof completeTask;

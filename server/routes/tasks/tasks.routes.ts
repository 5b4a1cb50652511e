import { createRoute } from '@hono/zod-openapi';
import { idParamSchema, idSchema } from '../../../shared/schemas/common';
import { completeTaskBodySchema, taskSchema } from '../../../shared/schemas/email';
import { listRoute } from '../../http/list-route';
import { errorResponses, jsonBody, jsonResponse } from '../../http/router';

const tags = ['tasks'];
const security = [{ bearer: [] }];

export const listTasks = listRoute({
  path: '/tasks',
  tags,
  item: taskSchema,
  holds: 'The caller’s tasks (an admin may ask for another owner’s)',
  filters: {
    status: taskSchema.shape.status.optional(),
    type: taskSchema.shape.type.optional(),
    contactId: idSchema.optional(),
    sequenceId: idSchema.optional(),
    /** Admins only: whose tasks to list (default: the caller's). */
    ownerId: idSchema.optional(),
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

import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema, idSchema } from '../../../shared/schemas/common';
import { completeTaskBodySchema, snoozeTaskBodySchema, taskSchema } from '../../../shared/schemas/email';
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
    /** Open tasks snoozed until later: left out by default (`exclude`), `include`d, or `only` those. */
    snoozed: z.enum(['exclude', 'include', 'only']).optional(),
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

export const snoozeTask = createRoute({
  method: 'post',
  path: '/tasks/{id}/snooze',
  tags,
  security,
  description:
    'Puts an open task out of the due queue until `until` (in the future); `until: null` wakes it now.',
  request: { params: idParamSchema, body: jsonBody(snoozeTaskBodySchema) },
  responses: {
    200: jsonResponse(taskSchema, 'The task, with snoozedUntil while it sleeps'),
    409: { description: 'The task is not open', content: errorResponses[400].content },
    ...errorResponses,
  },
});

export type ListTasksRoute = typeof listTasks;
export type CompleteTaskRoute = typeof completeTask;
export type SnoozeTaskRoute = typeof snoozeTask;

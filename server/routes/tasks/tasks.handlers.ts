import type { z } from '@hono/zod-openapi';
import type { completeTaskBodySchema } from '../../../shared/schemas/email';
import type { AppDeps } from '../../app-env';
import { completeTask } from '../../domain/tasks/complete-task';
import { toTaskDto } from '../../domain/tasks/dto';
import { listTasks } from '../../domain/tasks/list-tasks';
import { snoozeTask } from '../../domain/tasks/snooze-task';
import type { AppRouteHandler } from '../../http/router';
import type { CompleteTaskRoute, ListTasksRoute, SnoozeTaskRoute } from './tasks.routes';

export function taskHandlers(deps: AppDeps) {
  const { db } = deps.database;
  const listTasksHandler: AppRouteHandler<ListTasksRoute> = async (c) =>
    c.json(await listTasks({ db, now: deps.now() }, c.get('user'), c.req.valid('query')), 200);
  const completeTaskHandler: AppRouteHandler<CompleteTaskRoute> = async (c) => {
    // The body is optional: an absent one validates as undefined.
    const body = (c.req.valid('json') as z.infer<typeof completeTaskBodySchema> | undefined) ?? {};
    const row = await completeTask({ db, now: deps.now() }, c.get('user'), {
      id: c.req.valid('param').id,
      body,
    });
    return c.json(toTaskDto(row), 200);
  };
  const snoozeTaskHandler: AppRouteHandler<SnoozeTaskRoute> = async (c) => {
    const row = await snoozeTask({ db, now: deps.now() }, c.get('user'), {
      id: c.req.valid('param').id,
      body: c.req.valid('json'),
    });
    return c.json(toTaskDto(row), 200);
  };
  return { listTasks: listTasksHandler, completeTask: completeTaskHandler, snoozeTask: snoozeTaskHandler };
}

import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { taskHandlers } from './tasks.handlers';
import * as r from './tasks.routes';

export function taskRoutes(deps: AppDeps) {
  const h = taskHandlers(deps);
  return createRouter()
    .openapi(r.listTasks, h.listTasks)
    .openapi(r.completeTask, h.completeTask)
    .openapi(r.snoozeTask, h.snoozeTask);
}

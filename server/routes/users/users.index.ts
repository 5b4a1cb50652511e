import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { userHandlers } from './users.handlers';
import * as r from './users.routes';

export function userRoutes(deps: AppDeps) {
  const h = userHandlers(deps);
  return createRouter()
    .openapi(r.createUser, h.createUser)
    .openapi(r.listUsers, h.listUsers)
    .openapi(r.updateUser, h.updateUser)
    .openapi(r.transferUser, h.transferUser)
    .openapi(r.changePassword, h.changePassword)
    .openapi(r.getMe, h.getMe);
}

import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { enrollmentHistoryHandlers } from './enrollment-history.handlers';
import * as r from './enrollment-history.routes';

/** Its own module beside `enrollments`: reading history shares nothing with the enrollment writes. */
export function enrollmentHistoryRoutes(deps: AppDeps) {
  const h = enrollmentHistoryHandlers(deps);
  return createRouter().openapi(r.getEnrollmentHistory, h.getEnrollmentHistory);
}

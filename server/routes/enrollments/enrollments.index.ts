import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { enrollmentHandlers } from './enrollments.handlers';
import * as r from './enrollments.routes';

export function enrollmentRoutes(deps: AppDeps) {
  const h = enrollmentHandlers(deps);
  return createRouter()
    .openapi(r.enrollContacts, h.enrollContacts)
    .openapi(r.listEnrollments, h.listEnrollments)
    .openapi(r.bulkEnrollmentAction, h.bulkEnrollmentAction)
    .openapi(r.getEnrollment, h.getEnrollment)
    .openapi(r.pauseEnrollment, h.pauseEnrollment)
    .openapi(r.resumeEnrollment, h.resumeEnrollment)
    .openapi(r.finishEnrollment, h.finishEnrollment)
    .openapi(r.removeEnrollment, h.removeEnrollment);
}

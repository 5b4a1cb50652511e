import type { AppDeps } from '../../app-env';
import { bulkEnrollmentAction } from '../../domain/enrollments/bulk-enrollment-action';
import { enrollInSequence } from '../../domain/enrollments/enroll-in-sequence';
import { finishEnrollment } from '../../domain/enrollments/finish-enrollment';
import { getEnrollment } from '../../domain/enrollments/get-enrollment';
import { listEnrollments } from '../../domain/enrollments/list-enrollments';
import { pauseEnrollment } from '../../domain/enrollments/pause-enrollment';
import { removeEnrollment } from '../../domain/enrollments/remove-enrollment';
import { resumeEnrollment } from '../../domain/enrollments/resume-enrollment';
import type { AppRouteHandler } from '../../http/router';
import type {
  BulkEnrollmentActionRoute,
  EnrollContactsRoute,
  FinishEnrollmentRoute,
  GetEnrollmentRoute,
  ListEnrollmentsRoute,
  PauseEnrollmentRoute,
  RemoveEnrollmentRoute,
  ResumeEnrollmentRoute,
} from './enrollments.routes';

export function enrollmentHandlers(deps: AppDeps) {
  const { db } = deps.database;
  const at = () => ({ db, now: deps.now() });
  const enrollContactsHandler: AppRouteHandler<EnrollContactsRoute> = async (c) =>
    c.json(await enrollInSequence(at(), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
  const listEnrollmentsHandler: AppRouteHandler<ListEnrollmentsRoute> = async (c) =>
    c.json(await listEnrollments({ db }, c.get('user'), c.req.valid('query')), 200);
  const bulkEnrollmentActionHandler: AppRouteHandler<BulkEnrollmentActionRoute> = async (c) =>
    c.json(await bulkEnrollmentAction({ ...at(), log: deps.log }, c.get('user'), c.req.valid('json')), 200);
  const getEnrollmentHandler: AppRouteHandler<GetEnrollmentRoute> = async (c) =>
    c.json(await getEnrollment({ db }, c.get('user'), c.req.valid('param').id), 200);
  const pauseEnrollmentHandler: AppRouteHandler<PauseEnrollmentRoute> = async (c) => {
    // The body is optional: a bare POST pauses until someone resumes.
    const body = (c.req.valid('json') as { resumeAt?: string } | undefined) ?? {};
    return c.json(await pauseEnrollment(at(), c.get('user'), c.req.valid('param').id, body), 200);
  };
  const resumeEnrollmentHandler: AppRouteHandler<ResumeEnrollmentRoute> = async (c) =>
    c.json(await resumeEnrollment(at(), c.get('user'), c.req.valid('param').id), 200);
  const finishEnrollmentHandler: AppRouteHandler<FinishEnrollmentRoute> = async (c) =>
    c.json(await finishEnrollment(at(), c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
  const removeEnrollmentHandler: AppRouteHandler<RemoveEnrollmentRoute> = async (c) =>
    c.json(await removeEnrollment(at(), c.get('user'), c.req.valid('param').id), 200);
  return {
    enrollContacts: enrollContactsHandler,
    listEnrollments: listEnrollmentsHandler,
    bulkEnrollmentAction: bulkEnrollmentActionHandler,
    getEnrollment: getEnrollmentHandler,
    pauseEnrollment: pauseEnrollmentHandler,
    resumeEnrollment: resumeEnrollmentHandler,
    finishEnrollment: finishEnrollmentHandler,
    removeEnrollment: removeEnrollmentHandler,
  };
}

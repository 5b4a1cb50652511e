import type { AppDeps } from '../../app-env';
import { getEnrollmentHistory } from '../../domain/enrollments/get-enrollment-history';
import type { AppRouteHandler } from '../../http/router';
import type { GetEnrollmentHistoryRoute } from './enrollment-history.routes';

export function enrollmentHistoryHandlers(deps: AppDeps) {
  const { db } = deps.database;
  const getEnrollmentHistoryHandler: AppRouteHandler<GetEnrollmentHistoryRoute> = async (c) =>
    c.json(
      await getEnrollmentHistory({ db }, c.get('user'), c.req.valid('param').id, c.req.valid('query')),
      200,
    );
  return { getEnrollmentHistory: getEnrollmentHistoryHandler };
}

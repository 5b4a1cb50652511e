import { createRoute } from '@hono/zod-openapi';
import { idParamSchema, pageOf } from '../../../shared/schemas/common';
import { timelineItemSchema } from '../../../shared/schemas/timeline';
import { pageQuerySchema } from '../../http/pagination';
import { errorResponses, jsonResponse } from '../../http/router';

export const getEnrollmentHistory = createRoute({
  method: 'get',
  path: '/enrollments/{id}/history',
  tags: ['enrollments'],
  security: [{ bearer: [] }],
  description:
    "One enrollment's history, newest first, as timeline items: enrolled, each email sent or not, and " +
    'which message finished or paused it with where it was seen (`data.seenIn.via`: `page`, `sync` or ' +
    '`webhook`), and the engagement rules that acted. `nextCursor` pages to older items.',
  request: { params: idParamSchema, query: pageQuerySchema },
  responses: { 200: jsonResponse(pageOf(timelineItemSchema), 'The history'), ...errorResponses },
});

export type GetEnrollmentHistoryRoute = typeof getEnrollmentHistory;

import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema, idSchema } from '../../../shared/schemas/common';
import {
  bulkEnrollmentBodySchema,
  bulkEnrollmentResultSchema,
  enrollBodySchema,
  enrollmentSchema,
  enrollmentStatusSchema,
  enrollResultSchema,
  finishBodySchema,
  pauseBodySchema,
} from '../../../shared/schemas/enrollment';
import { pageQuerySchema } from '../../http/pagination';
import { errorResponses, jsonBody, jsonResponse } from '../../http/router';

const base = { tags: ['enrollments'], security: [{ bearer: [] }] };
const conflictResponse = {
  409: {
    description: 'Not possible in the enrollment’s current status',
    content: errorResponses[400].content,
  },
};
const one = (description: string) => ({
  200: jsonResponse(enrollmentSchema, description),
  ...errorResponses,
  ...conflictResponse,
});

export const enrollContacts = createRoute({
  ...base,
  method: 'post',
  path: '/sequences/{id}/enrollments',
  request: { params: idParamSchema, body: jsonBody(enrollBodySchema) },
  responses: {
    200: jsonResponse(enrollResultSchema, 'Who was enrolled, warned about, or rejected (and why)'),
    ...errorResponses,
  },
});
export const listEnrollments = createRoute({
  ...base,
  method: 'get',
  path: '/enrollments',
  request: {
    query: pageQuerySchema.extend({
      contactId: idSchema.optional(),
      sequenceId: idSchema.optional(),
      status: enrollmentStatusSchema.optional(),
      q: z.string().trim().min(1).max(200).optional().openapi({
        description: "The contact's name or email contains this, case-insensitively",
      }),
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({ items: z.array(enrollmentSchema), nextCursor: z.string().optional() }),
      'Enrollments the caller can see',
    ),
    ...errorResponses,
  },
});
export const bulkEnrollmentAction = createRoute({
  ...base,
  method: 'post',
  path: '/enrollments/bulk',
  description:
    'Pauses, resumes, finishes or removes many enrollments, each as its own call would (same rules, ' +
    'same checks), and reports each one: an id the caller cannot see is `not_found`, one whose status ' +
    'does not allow the action a `conflict`. A malformed request is a 400 and changes nothing.',
  request: { body: jsonBody(bulkEnrollmentBodySchema) },
  responses: {
    200: jsonResponse(bulkEnrollmentResultSchema, 'One result per distinct id, in the order given'),
    ...errorResponses,
  },
});
export const getEnrollment = createRoute({
  ...base,
  method: 'get',
  path: '/enrollments/{id}',
  request: { params: idParamSchema },
  responses: one('The enrollment'),
});
export const pauseEnrollment = createRoute({
  ...base,
  method: 'post',
  path: '/enrollments/{id}/pause',
  request: {
    params: idParamSchema,
    body: { ...jsonBody(pauseBodySchema), required: false },
  },
  responses: one('The paused enrollment'),
});
export const resumeEnrollment = createRoute({
  ...base,
  method: 'post',
  path: '/enrollments/{id}/resume',
  request: { params: idParamSchema },
  responses: one('The resumed enrollment'),
});
export const finishEnrollment = createRoute({
  ...base,
  method: 'post',
  path: '/enrollments/{id}/finish',
  request: { params: idParamSchema, body: jsonBody(finishBodySchema) },
  responses: one('The finished enrollment'),
});
export const removeEnrollment = createRoute({
  ...base,
  method: 'delete',
  path: '/enrollments/{id}',
  request: { params: idParamSchema },
  responses: one('The enrollment, now removed (its history is kept)'),
});

export type EnrollContactsRoute = typeof enrollContacts;
export type ListEnrollmentsRoute = typeof listEnrollments;
export type BulkEnrollmentActionRoute = typeof bulkEnrollmentAction;
export type GetEnrollmentRoute = typeof getEnrollment;
export type PauseEnrollmentRoute = typeof pauseEnrollment;
export type ResumeEnrollmentRoute = typeof resumeEnrollment;
export type FinishEnrollmentRoute = typeof finishEnrollment;
export type RemoveEnrollmentRoute = typeof removeEnrollment;

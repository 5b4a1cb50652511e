import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema, idSchema } from '../../../shared/schemas/common';
import {
  createSequenceSchema,
  patchSequenceSchema,
  patchStepSchema,
  sequenceSharesSchema,
  sequenceViewSchema,
  shareSequenceSchema,
  stepInputSchema,
} from '../../../shared/schemas/sequence';
import { sequenceReportQuerySchema, sequenceReportSchema } from '../../../shared/schemas/sequence-report';
import { listRoute } from '../../http/list-route';
import { errorResponses, jsonBody, jsonResponse } from '../../http/router';

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();
const stepParams = z.object({ id: idSchema, stepId: idSchema });
const shareParams = z.object({ id: idSchema, userId: idSchema });

const base = { tags: ['sequences'], security: [{ bearer: [] }] };
const ok = (description: string) => ({
  200: jsonResponse(sequenceViewSchema, description),
  ...errorResponses,
});
const created = (description: string) => ({
  201: jsonResponse(sequenceViewSchema, description),
  ...errorResponses,
});

export const createSequence = createRoute({
  ...base,
  method: 'post',
  path: '/sequences',
  request: { body: jsonBody(createSequenceSchema) },
  responses: created('The new sequence with its step ids'),
});
export const listSequences = listRoute({
  tags: base.tags,
  path: '/sequences',
  item: sequenceViewSchema,
  holds: 'Sequences the caller can see, with enrollment counts by status',
  filters: {
    q: z.string().max(200).optional(),
    active: flag,
    archived: flag,
    ownerId: idSchema.optional().openapi({ description: 'Only sequences this user owns' }),
  },
});
export const getSequence = createRoute({
  ...base,
  method: 'get',
  path: '/sequences/{id}',
  request: { params: idParamSchema },
  responses: ok('The sequence'),
});
export const getSequenceReport = createRoute({
  ...base,
  method: 'get',
  path: '/sequences/{id}/report',
  description:
    'The funnel, finished contacts by reason, and emails sent per calendar day in `tz` (UTC when not ' +
    'given) over the last `days` days (default 14). Visible to whoever may view the sequence.',
  request: { params: idParamSchema, query: sequenceReportQuerySchema },
  responses: { 200: jsonResponse(sequenceReportSchema, 'The report'), ...errorResponses },
});
export const patchSequence = createRoute({
  ...base,
  method: 'patch',
  path: '/sequences/{id}',
  request: { params: idParamSchema, body: jsonBody(patchSequenceSchema) },
  responses: ok('The updated sequence'),
});
export const patchStep = createRoute({
  ...base,
  method: 'patch',
  path: '/sequences/{id}/steps/{stepId}',
  request: { params: stepParams, body: jsonBody(patchStepSchema) },
  responses: ok('The sequence with the step updated'),
});
export const appendStep = createRoute({
  ...base,
  method: 'post',
  path: '/sequences/{id}/steps',
  request: { params: idParamSchema, body: jsonBody(stepInputSchema) },
  responses: created('The sequence with the step appended'),
});
export const cloneSequence = createRoute({
  ...base,
  method: 'post',
  path: '/sequences/{id}/clone',
  request: { params: idParamSchema },
  responses: created('The copy: same steps, schedule and ruleset; inactive; no contacts'),
});
export const shareSequence = createRoute({
  ...base,
  method: 'post',
  path: '/sequences/{id}/share',
  request: { params: idParamSchema, body: jsonBody(shareSequenceSchema) },
  responses: {
    200: jsonResponse(sequenceSharesSchema, 'Everyone the sequence is shared with'),
    ...errorResponses,
  },
});
export const unshareSequence = createRoute({
  ...base,
  method: 'delete',
  path: '/sequences/{id}/share/{userId}',
  request: { params: shareParams },
  responses: {
    200: jsonResponse(sequenceSharesSchema, 'Everyone the sequence is still shared with'),
    ...errorResponses,
  },
});

export type CreateSequenceRoute = typeof createSequence;
export type ListSequencesRoute = typeof listSequences;
export type GetSequenceRoute = typeof getSequence;
export type GetSequenceReportRoute = typeof getSequenceReport;
export type PatchSequenceRoute = typeof patchSequence;
export type PatchStepRoute = typeof patchStep;
export type AppendStepRoute = typeof appendStep;
export type CloneSequenceRoute = typeof cloneSequence;
export type ShareSequenceRoute = typeof shareSequence;
export type UnshareSequenceRoute = typeof unshareSequence;

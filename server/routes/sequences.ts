import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema, idSchema } from '../../shared/schemas/common';
import {
  createSequenceSchema,
  patchSequenceSchema,
  patchStepSchema,
  sequenceSharesSchema,
  sequenceViewSchema,
  shareSequenceSchema,
  stepInputSchema,
} from '../../shared/schemas/sequence';
import { sequenceReportQuerySchema, sequenceReportSchema } from '../../shared/schemas/sequence-report';
import type { AppDeps } from '../app-env';
import { listSequences, sequenceView } from '../domain/sequences/read';
import { sequenceReport } from '../domain/sequences/report';
import {
  appendStep,
  cloneSequence,
  createSequence,
  patchSequence,
  patchStep,
  shareSequence,
  unshareSequence,
} from '../domain/sequences/write';
import { pageQuerySchema } from '../http/pagination';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../http/router';

const listQuerySchema = pageQuerySchema.extend({
  q: z.string().max(200).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  archived: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
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

const create = createRoute({
  ...base,
  method: 'post',
  path: '/sequences',
  request: { body: jsonBody(createSequenceSchema) },
  responses: created('The new sequence with its step ids'),
});
const list = createRoute({
  ...base,
  method: 'get',
  path: '/sequences',
  request: { query: listQuerySchema },
  responses: {
    200: jsonResponse(
      z.object({ items: z.array(sequenceViewSchema), nextCursor: z.string().optional() }),
      'Sequences the caller can see, with enrollment counts by status',
    ),
    ...errorResponses,
  },
});
const get = createRoute({
  ...base,
  method: 'get',
  path: '/sequences/{id}',
  request: { params: idParamSchema },
  responses: ok('The sequence'),
});
const report = createRoute({
  ...base,
  method: 'get',
  path: '/sequences/{id}/report',
  description:
    'The funnel, finished contacts by reason, and emails sent per calendar day in `tz` (UTC when not ' +
    'given) over the last `days` days (default 14). Visible to whoever may view the sequence.',
  request: { params: idParamSchema, query: sequenceReportQuerySchema },
  responses: { 200: jsonResponse(sequenceReportSchema, 'The report'), ...errorResponses },
});
const patch = createRoute({
  ...base,
  method: 'patch',
  path: '/sequences/{id}',
  request: { params: idParamSchema, body: jsonBody(patchSequenceSchema) },
  responses: ok('The updated sequence'),
});
const patchOneStep = createRoute({
  ...base,
  method: 'patch',
  path: '/sequences/{id}/steps/{stepId}',
  request: { params: stepParams, body: jsonBody(patchStepSchema) },
  responses: ok('The sequence with the step updated'),
});
const addStep = createRoute({
  ...base,
  method: 'post',
  path: '/sequences/{id}/steps',
  request: { params: idParamSchema, body: jsonBody(stepInputSchema) },
  responses: created('The sequence with the step appended'),
});
const clone = createRoute({
  ...base,
  method: 'post',
  path: '/sequences/{id}/clone',
  request: { params: idParamSchema },
  responses: created('The copy: same steps, schedule and ruleset; inactive; no contacts'),
});
const share = createRoute({
  ...base,
  method: 'post',
  path: '/sequences/{id}/share',
  request: { params: idParamSchema, body: jsonBody(shareSequenceSchema) },
  responses: {
    200: jsonResponse(sequenceSharesSchema, 'Everyone the sequence is shared with'),
    ...errorResponses,
  },
});
const unshare = createRoute({
  ...base,
  method: 'delete',
  path: '/sequences/{id}/share/{userId}',
  request: { params: shareParams },
  responses: {
    200: jsonResponse(sequenceSharesSchema, 'Everyone the sequence is still shared with'),
    ...errorResponses,
  },
});

export function sequenceRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(create, async (c) => {
      const user = c.get('user');
      const id = await createSequence(db, user, c.req.valid('json'), deps.now());
      return c.json(await sequenceView(db, user, id), 201);
    })
    .openapi(list, async (c) => c.json(await listSequences(db, c.get('user'), c.req.valid('query')), 200))
    .openapi(get, async (c) => c.json(await sequenceView(db, c.get('user'), c.req.valid('param').id), 200))
    .openapi(report, async (c) => {
      const { tz, days } = c.req.valid('query');
      const options = { timezone: tz ?? 'UTC', days, now: deps.now() };
      return c.json(await sequenceReport(db, c.get('user'), c.req.valid('param').id, options), 200);
    })
    .openapi(patch, async (c) => {
      const user = c.get('user');
      const { id } = c.req.valid('param');
      await patchSequence(db, user, id, c.req.valid('json'), deps.now());
      return c.json(await sequenceView(db, user, id), 200);
    })
    .openapi(patchOneStep, async (c) => {
      const user = c.get('user');
      const { id, stepId } = c.req.valid('param');
      await patchStep(db, user, id, stepId, c.req.valid('json'), deps.now());
      return c.json(await sequenceView(db, user, id), 200);
    })
    .openapi(addStep, async (c) => {
      const user = c.get('user');
      const { id } = c.req.valid('param');
      await appendStep(db, user, id, c.req.valid('json'), deps.now());
      return c.json(await sequenceView(db, user, id), 201);
    })
    .openapi(clone, async (c) => {
      const user = c.get('user');
      const copyId = await cloneSequence(db, user, c.req.valid('param').id, deps.now());
      return c.json(await sequenceView(db, user, copyId), 201);
    })
    .openapi(share, async (c) => {
      const shares = await shareSequence(
        db,
        c.get('user'),
        c.req.valid('param').id,
        c.req.valid('json'),
        deps.now(),
      );
      return c.json({ shares }, 200);
    })
    .openapi(unshare, async (c) => {
      const { id, userId } = c.req.valid('param');
      return c.json({ shares: await unshareSequence(db, c.get('user'), id, userId, deps.now()) }, 200);
    });
}

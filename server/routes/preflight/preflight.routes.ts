import { createRoute } from '@hono/zod-openapi';
import { preflightBodySchema, preflightResultSchema } from '../../../shared/schemas/email';
import { errorResponses, jsonBody, jsonResponse } from '../../http/router';

export const runPreflight = createRoute({
  method: 'post',
  path: '/preflight',
  tags: ['emails'],
  security: [{ bearer: [] }],
  description:
    'Every reason a send would be blocked now, with a message and a resolution. The scheduler runs the same checks before each send.',
  request: { body: jsonBody(preflightBodySchema) },
  responses: { 200: jsonResponse(preflightResultSchema, 'The verdict'), ...errorResponses },
});

export type RunPreflightRoute = typeof runPreflight;

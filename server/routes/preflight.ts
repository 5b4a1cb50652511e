import { createRoute } from '@hono/zod-openapi';
import { preflightBodySchema, preflightResultSchema } from '../../shared/schemas/email';
import type { AppDeps } from '../app-env';
import { runPreflight } from '../domain/send-guard/preflight';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../http/router';

const preflight = createRoute({
  method: 'post',
  path: '/preflight',
  tags: ['emails'],
  security: [{ bearer: [] }],
  description:
    'Every reason a send would be blocked now, with a message and a resolution. The scheduler runs the same checks before each send.',
  request: { body: jsonBody(preflightBodySchema) },
  responses: { 200: jsonResponse(preflightResultSchema, 'The verdict'), ...errorResponses },
});

export function preflightRoutes(deps: AppDeps) {
  return createRouter().openapi(preflight, async (c) => {
    const result = await runPreflight(deps.database.db, c.get('user'), c.req.valid('json'), deps.now());
    return c.json({ ...result, reasons: result.reasons.map((r) => ({ ...r })) }, 200);
  });
}

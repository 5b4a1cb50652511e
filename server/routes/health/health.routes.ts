import { createRoute, z } from '@hono/zod-openapi';
import { jsonResponse } from '../../http/router';

export const getHealth = createRoute({
  method: 'get',
  path: '/health',
  tags: ['health'],
  description:
    'Answers without a token once the database answers a query; for load balancers and uptime checks.',
  responses: {
    200: jsonResponse(z.object({ ok: z.literal(true), db: z.enum(['pglite', 'postgres']) }), 'Up'),
  },
});

export type GetHealthRoute = typeof getHealth;

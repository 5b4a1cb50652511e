import { OpenAPIHono, type RouteConfig, type RouteHandler } from '@hono/zod-openapi';
import { apiErrorSchema } from '../../shared/schemas/error';
import type { AppEnv } from '../app-env';
import { validationHook } from './validation';

/** Every resource's sub-app starts here, so all share the one validation hook. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

/**
 * A thin handler for one route definition: read the validated input, call one use-case, answer.
 * Layout per resource: `routes/<r>/<r>.routes.ts` (definitions), `<r>.handlers.ts`, `<r>.index.ts` (wiring).
 */
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;

const errorContent = { 'application/json': { schema: apiErrorSchema } };
/** The error responses most routes can give, for the OpenAPI document. */
export const errorResponses = {
  400: {
    description: 'The request failed validation; `details` lists the failing fields',
    content: errorContent,
  },
  401: { description: 'Missing or invalid bearer token', content: errorContent },
  403: { description: 'Not allowed for this user', content: errorContent },
  404: { description: 'Not found', content: errorContent },
} as const;

export const jsonBody = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
export const jsonResponse = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

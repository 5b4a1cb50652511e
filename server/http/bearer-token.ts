import type { Context } from 'hono';

/** The bearer token of a request, as requireAuth reads it (it has already accepted it by then). */
export function bearerToken(c: Context): string {
  const match = /^Bearer\s+(\S{1,200})$/i.exec(c.req.header('authorization') ?? '');
  return match?.[1] ?? '';
}

import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';

const MAX_DEPTH = 32;

function protoPath(value: unknown, path: string[], depth: number): string[] | null {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return null;
  if (Object.hasOwn(value, '__proto__')) return [...path, '__proto__'];
  for (const [key, child] of Object.entries(value)) {
    const found = protoPath(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * zod drops a `__proto__` key from records silently (it never reaches the reserved-name refinement
 * in customFieldsSchema), so a client would get 201 while part of its input vanished. Refuse it instead,
 * before validation. Malformed JSON passes through: the validator reports it the usual way.
 */
export const rejectProtoKeys = createMiddleware<AppEnv>(async (c, next) => {
  if (!(c.req.header('content-type') ?? '').toLowerCase().includes('json')) return next();
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return next();
  }
  const path = protoPath(body, [], 0);
  if (!path) return next();
  const where = path.join('.');
  return c.json(
    {
      error: {
        code: 'validation_failed',
        message: `${where}: reserved field name`,
        details: [{ path: where, message: 'reserved field name' }],
      },
    },
    400,
  );
});

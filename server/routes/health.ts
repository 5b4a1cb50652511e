import { Hono } from 'hono';
import type { AppDeps } from '../app-env';

export function healthRoutes(deps: Pick<AppDeps, 'database'>) {
  return new Hono().get('/health', async (c) => {
    await deps.database.query('select 1');
    return c.json({ ok: true, db: deps.database.kind }, 200);
  });
}

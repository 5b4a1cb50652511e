import { eq } from 'drizzle-orm';
import { createApp } from '../server/app';
import type { AppDeps } from '../server/app-env';
import { bootstrapAdmin } from '../server/auth/bootstrap-admin';
import { createLoginLimiter } from '../server/auth/login-limiter';
import { users } from '../server/db/schema';
import { createTestDatabase, type TestDatabase } from '../test/server/helpers/test-database';

export interface BenchEnv {
  db: TestDatabase;
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  admin: { id: string; teamId: string; token: string };
  kind: 'pglite' | 'postgres';
}

const quiet = { error: console.error, info: () => {}, warn: () => {} };

/** A fresh database (Postgres when DATABASE_URL is set, else PGlite) with an admin and the app. */
export async function benchEnv(): Promise<BenchEnv> {
  const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const db = await createTestDatabase(kind, { max: 10 });
  const deps: AppDeps = {
    database: db.database,
    now: () => new Date(),
    log: quiet,
    loginLimiter: createLoginLimiter({ maxFailures: 100, windowMs: 60_000 }),
    fetch: globalThis.fetch,
    config: {
      publicUrl: 'http://127.0.0.1',
      dataDir: '/tmp/stride-bench',
      secretKey: Buffer.alloc(32, 1),
      corsOrigins: [],
    },
  };
  const app = createApp(deps);
  await bootstrapAdmin(db.database.db, { email: 'bench@example.test', password: 'bench-password-1' });
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.test', password: 'bench-password-1' }),
  });
  const { token, user } = (await res.json()) as { token: string; user: { id: string } };
  const [row] = await db.database.db.select().from(users).where(eq(users.id, user.id));
  return { db, app, deps, admin: { id: user.id, teamId: row?.teamId ?? '', token }, kind };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);

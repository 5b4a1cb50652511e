import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../../server/app';
import type { AppDeps } from '../../../server/app-env';
import { bootstrapAdmin } from '../../../server/auth/bootstrap-admin';
import { createLoginLimiter } from '../../../server/auth/login-limiter';
import { type FakeClock, fakeClock } from './fake-clock';
import { type Backend, createTestDatabase, type TestDatabase } from './test-database';

export const ADMIN = { email: 'admin@example.test', password: 'admin-password-1' };

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  clock: FakeClock;
  db: TestDatabase;
  adminToken: string;
  /** JSON request through the app (no socket); returns status and parsed body. */
  call<T = any>(
    method: string,
    path: string,
    opts?: { token?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T; headers: Headers }>;
  login(email: string, password: string): Promise<string>;
  /** Creates a user through the API as the admin and returns their token. */
  createUser(role: 'admin' | 'rep', name?: string): Promise<{ id: string; email: string; token: string }>;
}

const silent = { error: () => {}, info: () => {}, warn: () => {} };

/**
 * Registers beforeAll/afterAll that give the file its own database and app. Fields are filled in
 * beforeAll, so read them inside tests, not at collection time.
 */
export function useTestApp(backend: Backend, opts: { now?: string } = {}): TestApp {
  const ctx = {} as TestApp;
  let users = 0;
  beforeAll(async () => {
    ctx.db = await createTestDatabase(backend);
    ctx.clock = fakeClock(opts.now);
    ctx.deps = {
      database: ctx.db.database,
      now: ctx.clock.now,
      log: silent,
      loginLimiter: createLoginLimiter({ maxFailures: 5, windowMs: 60_000 }),
      fetch: globalThis.fetch,
      config: {
        publicUrl: 'http://stride.test',
        dataDir: '/tmp/stride-test',
        secretKey: Buffer.alloc(32, 7),
        corsOrigins: [],
        allowPrivateProviderHosts: true,
      },
    };
    ctx.app = createApp(ctx.deps);
    await bootstrapAdmin(ctx.db.database.db, ADMIN);
    ctx.call = async (method, path, o = {}) => {
      const headers: Record<string, string> = { ...o.headers };
      const token = o.token === undefined ? ctx.adminToken : o.token;
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined;
      if (o.raw !== undefined) body = o.raw;
      else if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await ctx.app.request(path, { method, headers, ...(body !== undefined && { body }) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {}
      return { status: res.status, body: parsed as never, headers: res.headers };
    };
    ctx.login = async (email, password) => {
      const r = await ctx.call('POST', '/api/auth/login', { token: null, body: { email, password } });
      if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token;
    };
    ctx.adminToken = await ctx.login(ADMIN.email, ADMIN.password);
    ctx.createUser = async (role, name) => {
      users += 1;
      const email = `user${users}-${role}@example.test`;
      const password = `password-${users}-long`;
      const r = await ctx.call('POST', '/api/users', {
        body: { email, name: name ?? `User ${users}`, password, role },
      });
      if (r.status !== 201) throw new Error(`createUser failed: ${r.status} ${JSON.stringify(r.body)}`);
      return { id: r.body.id, email, token: await ctx.login(email, password) };
    };
  });
  afterAll(async () => {
    await ctx.db?.dispose();
  });
  return ctx;
}

import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  STRIDE_DATA_DIR: z.string().min(1).default('./.data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  STRIDE_ADMIN_EMAIL: z.email().optional(),
  STRIDE_ADMIN_PASSWORD: z.string().min(1).optional(),
  STRIDE_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  STRIDE_PUBLIC_URL: z.url().optional(),
  STRIDE_TRACKING_URL: z.url().optional(),
  STRIDE_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('false'),
  STRIDE_SECRET_KEY: z.string().min(32).optional(),
  STRIDE_CORS_ORIGINS: z.string().optional(),
  STRIDE_ALLOW_PRIVATE_PROVIDER_HOSTS: z.enum(['0', '1', 'true', 'false']).default('false'),
  STRIDE_LEASE_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .max(3_600_000)
    .default(5 * 60_000),
  STRIDE_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
  /** How often each readable mailbox is read when nothing asks sooner (issue 15). */
  STRIDE_SYNC_POLL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(60_000),
  STRIDE_MAX_LATENESS_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(24 * 60),
});

export type ServerConfig = ReturnType<typeof loadConfig>;

/** Reads the environment once at start-up; a bad value stops the server with the variable named. */
export function loadConfig(env: Record<string, string | undefined>) {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.STRIDE_DATA_DIR,
    port: e.PORT,
    host: e.HOST,
    adminEmail: e.STRIDE_ADMIN_EMAIL,
    adminPassword: e.STRIDE_ADMIN_PASSWORD,
    role: e.STRIDE_ROLE,
    publicUrl: e.STRIDE_PUBLIC_URL,
    trackingUrl: e.STRIDE_TRACKING_URL,
    trustProxy: e.STRIDE_TRUST_PROXY === '1' || e.STRIDE_TRUST_PROXY === 'true',
    secretKey: e.STRIDE_SECRET_KEY,
    pollMs: e.STRIDE_POLL_MS,
    syncPollMs: e.STRIDE_SYNC_POLL_MS,
    leaseMs: e.STRIDE_LEASE_MS,
    maxLatenessMinutes: e.STRIDE_MAX_LATENESS_MINUTES,
    allowPrivateProviderHosts:
      e.STRIDE_ALLOW_PRIVATE_PROVIDER_HOSTS === '1' || e.STRIDE_ALLOW_PRIVATE_PROVIDER_HOSTS === 'true',
    corsOrigins: (e.STRIDE_CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../server/config';
import { type RunningServer, startServer } from '../../../server/start-server';

export const CONSOLE_REP = { email: 'console-rep@example.test', password: 'console-e2e-password-1' };

/**
 * The real server in this process on a fresh embedded database, API and scheduler both (role
 * `all`), polling fast so a due email is decided within a second.
 */
export async function startConsoleServer(): Promise<RunningServer & { api: SeedApi }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'stride-console-e2e-'));
  const config = loadConfig({
    STRIDE_DATA_DIR: dataDir,
    PORT: '0',
    STRIDE_ROLE: 'all',
    STRIDE_POLL_MS: '200',
    STRIDE_ADMIN_EMAIL: CONSOLE_REP.email,
    STRIDE_ADMIN_PASSWORD: CONSOLE_REP.password,
  });
  const server = await startServer(config, { info: () => {}, warn: console.warn, error: console.error });
  return {
    ...server,
    api: await seedApi(server.url),
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type SeedApi = Awaited<ReturnType<typeof seedApi>>;

/** Seeds and checks server state as the rep, beside the UI under test. */
async function seedApi(url: string) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(CONSOLE_REP),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown) => call<T>('POST', path, body),
  };
}

/** A contacts file of `rows` data rows; `special` replaces the rows at the given data row numbers. */
export function contactsCsv(rows: number, special: Record<number, string>): string {
  const lines = ['Email,First Name,Last Name,Company,Stage,Email Status'];
  for (let i = 1; i <= rows; i++) {
    lines.push(special[i] ?? `lead${i}@bulk.test,Lead,Number ${i},Bulk Co,Prospect,verified`);
  }
  return `${lines.join('\n')}\n`;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../server/config';
import { type RunningServer, startServer } from '../../../server/start-server';

export const REP = { email: 'rep@example.test', password: 'e2e-rep-password-1' };

/**
 * The real server in this process (API and scheduler), on a fresh embedded database in a temp
 * directory, with `rep` as its first user.
 */
export async function startStride(
  rep: { email: string; password: string } = REP,
): Promise<RunningServer & { dataDir: string; api: Api }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'stride-e2e-'));
  const config = loadConfig({
    STRIDE_DATA_DIR: dataDir,
    PORT: '0',
    STRIDE_ADMIN_EMAIL: rep.email,
    STRIDE_ADMIN_PASSWORD: rep.password,
    // The reply step needs a real sent email first; poll often so it goes out in well under a second.
    STRIDE_POLL_MS: '200',
  });
  const quiet = { info: () => {}, warn: console.warn, error: console.error };
  const server = await startServer(config, quiet);
  const api = await signIn(server.url, rep);
  return {
    ...server,
    dataDir,
    api,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Api = Awaited<ReturnType<typeof signIn>>;

/** A tiny client for seeding and checking server state from the test, as the rep. */
async function signIn(url: string, rep: { email: string; password: string }) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(rep),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const call = async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    get: <T = any>(path: string) => call<T>('GET', path),
    post: <T = any>(path: string, body: unknown) => call<T>('POST', path, body),
  };
}

/** Every day, all day: the scheduler may send as soon as a step is due, whenever the test runs. */
export const ALWAYS = {
  timezone: 'UTC',
  useContactTimezone: false,
  windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }],
};

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmptyDatabase } from './helpers/test-database';

interface Child {
  proc: ChildProcess;
  url: Promise<string>;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs the real entry point, as `npm run server` does, and resolves its URL once it listens. */
function runServer(env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return { proc, url, output: () => out, exited };
}

async function health(url: string) {
  const res = await fetch(`${url}/health`);
  return { status: res.status, body: await res.json() };
}

describe('server start-up on embedded PGlite', () => {
  it('boots, migrates, reports pglite, creates and prints the first admin once, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stride-boot-'));
    const first = runServer({ STRIDE_DATA_DIR: dataDir });
    const url = await first.url;
    expect(await health(url)).toEqual({ status: 200, body: { ok: true, db: 'pglite' } });
    expect(first.output()).toMatch(/First admin created: admin@stride\.local \/ \S+/);

    const doc = await (await fetch(`${url}/api/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/auth/login');

    // A second process on the same data directory is refused with a clear message.
    const second = runServer({ STRIDE_DATA_DIR: dataDir });
    await expect(second.url).rejects.toThrow(/another Stride process .* is using the embedded database/);

    first.proc.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    // The directory survived the shutdown intact: a restart reuses it without creating another admin.
    const again = runServer({ STRIDE_DATA_DIR: dataDir });
    expect((await health(await again.url)).body.db).toBe('pglite');
    expect(again.output()).not.toMatch(/First admin created/);
    again.proc.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });

  it('uses the admin from STRIDE_ADMIN_EMAIL/STRIDE_ADMIN_PASSWORD when set', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stride-boot-'));
    const child = runServer({
      STRIDE_DATA_DIR: dataDir,
      STRIDE_ADMIN_EMAIL: 'boss@example.test',
      STRIDE_ADMIN_PASSWORD: 'correct horse battery',
    });
    const url = await child.url;
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'boss@example.test', password: 'correct horse battery' }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({ email: 'boss@example.test', role: 'admin' });
    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('server start-up on Postgres', () => {
  it('two processes starting at once on one database both come up (the migration lock)', async () => {
    const empty = await createEmptyDatabase('postgres');
    try {
      const env = {
        DATABASE_URL: empty.url ?? '',
        STRIDE_DATA_DIR: mkdtempSync(join(tmpdir(), 'stride-pg-')),
      };
      const a = runServer(env);
      const b = runServer(env);
      const [ua, ub] = await Promise.all([a.url, b.url]);
      expect((await health(ua)).body).toEqual({ ok: true, db: 'postgres' });
      expect((await health(ub)).body).toEqual({ ok: true, db: 'postgres' });
      // Exactly one of them created the first admin.
      const created = [a.output(), b.output()].filter((o) => /First admin created/.test(o));
      expect(created).toHaveLength(1);
      a.proc.kill('SIGTERM');
      b.proc.kill('SIGTERM');
      expect(await a.exited).toBe(0);
      expect(await b.exited).toBe(0);
    } finally {
      await empty.drop();
    }
  });
});

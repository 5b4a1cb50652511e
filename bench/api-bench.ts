import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ApiServerCommand, ApiServerMessage, ApiServerReady, ServerSample } from './api-server';
import { httpLoad, type LoadRequest, type LoadResult } from './http-load';

export interface ApiLoadResult extends LoadResult {
  /** Per answered request: the server process's CPU, its round trips to the database, the database's
   * transactions and the time its backends spent executing statements (ms; 0 on PGlite). */
  serverCpuMs: number;
  dbRoundTrips: number;
  dbXacts: number;
  dbActiveMs: number;
}

export interface ApiBenchResult {
  bare: ApiLoadResult;
  contactByEmail: ApiLoadResult;
  changes: ApiLoadResult;
  preflight: ApiLoadResult;
}

interface ServerProcess {
  ready: ApiServerReady;
  /** Marks the start of phase `name` (null: the end of the last) and returns the server's counters. */
  mark(name: string | null): Promise<ServerSample>;
  stop(): Promise<void>;
}

const serverFile = fileURLToPath(new URL('./api-server.ts', import.meta.url));

/**
 * Forks bench/api-server.ts in `mode` with this process's loader flags (tsx). With BENCH_API_CPU_PROF
 * naming a directory, the server writes a CPU profile of each measured phase there.
 */
function startServer(mode: 'bare' | 'stride', args: string[]): Promise<ServerProcess> {
  const child: ChildProcess = fork(serverFile, [mode, ...args], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <K extends 'ready' | 'sample'>(key: K) =>
    new Promise<Extract<ApiServerMessage, Record<K, unknown>>>((resolve, reject) => {
      const onMessage = (m: ApiServerMessage) => {
        if (!(key in m)) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as Extract<ApiServerMessage, Record<K, unknown>>);
      };
      const onExit = (code: number | null) => reject(new Error(`api ${mode} server exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return next('ready').then(({ ready }) => ({
    ready,
    async mark(name) {
      child.send({ mark: name } satisfies ApiServerCommand);
      return (await next('sample')).sample;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop' satisfies ApiServerCommand);
      }),
  }));
}

/** The load, with the CPU the server process spent on it per request. */
async function measure(
  phase: string,
  server: ServerProcess,
  url: string | (() => string),
  req: LoadRequest,
  opts: { durationMs: number; concurrency: number },
): Promise<ApiLoadResult> {
  const before = await server.mark(phase);
  const load = await httpLoad(url, req, opts);
  // Backends report their statistics about once a second when idle: wait for the last of the load's.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const after = await server.mark(null);
  const per = (key: keyof ServerSample) => (after[key] - before[key]) / Math.max(1, load.requests);
  return {
    ...load,
    serverCpuMs: per('cpuMs'),
    dbRoundTrips: per('dbWrites'),
    dbXacts: per('dbXacts'),
    dbActiveMs: per('dbActiveMs'),
  };
}

/**
 * The extension's hot reads through real HTTP, next to a bare Hono route served the same way in the
 * same run: the ratio shows what auth, validation and the database cost on top of the framework.
 * Each server runs in a process of its own and this process only generates the load, the same
 * client at the same concurrency for both; in one process the load generator took the server's
 * event loop, so both figures measured the client as much as the server.
 */
export async function apiBench(durationMs: number): Promise<ApiBenchResult> {
  const n = 5000;
  const [bare, stride] = await Promise.all([startServer('bare', []), startServer('stride', [String(n)])]);
  const auth = { authorization: `Bearer ${stride.ready.token}` };
  const opts = { durationMs, concurrency: 16 };
  const base = stride.ready.url;
  // A seeded contact's address (seed.ts: api<i>@prospect<i % 97>.test), so the lookup finds one and
  // the route does all its work (it also reads the contact's last human click); random pairs of the
  // two numbers missed 96 times in 97.
  const randomEmail = () => {
    const i = Math.floor(Math.random() * n);
    return `api${i}@prospect${i % 97}.test`;
  };
  try {
    const bareResult = await measure('bare', bare, `${bare.ready.url}/ping`, {}, opts);
    await bare.stop();
    return {
      bare: bareResult,
      contactByEmail: await measure(
        'contact-by-email',
        stride,
        () => `${base}/api/contacts?email=${randomEmail()}`,
        { headers: auth },
        opts,
      ),
      // A caught-up client asks for what changed since its cursor: usually little or nothing.
      changes: await measure(
        'delta-feed',
        stride,
        `${base}/api/changes?cursor=${n - 10}&limit=100`,
        { headers: auth },
        opts,
      ),
      preflight: await measure(
        'preflight',
        stride,
        `${base}/api/preflight`,
        {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({
            email: 'api42@prospect42.test',
            subject: 'Hi {{firstName}}',
            body: 'Hello {{firstName}}',
          }),
        },
        opts,
      ),
    };
  } finally {
    await stride.stop();
  }
}

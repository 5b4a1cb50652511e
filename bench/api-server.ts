import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { benchEnv } from './bench-db';
import { seedContacts } from './seed';

/*
 * The server side of the api bench, run as a process of its own (bench/api-bench.ts forks it): the
 * load generator then has its own event loop and the server's figure is the server's alone. Both the
 * bare Hono route and Stride are served by this one file, so they are measured in the same shape.
 *
 * argv: `bare` or `stride` (then the number of contacts to seed). Messages to the parent:
 * `{ ready: { url, token } }` once listening, `{ cpu }` (process.cpuUsage) when asked with
 * `{ mark }`; `stop` closes the server, drops the database and exits. With BENCH_API_CPU_PROF set to a
 * directory, each mark also ends the CPU profile running (written as `<mark>.cpuprofile` there) and
 * starts the next, so each phase of the load has its own profile without the start-up and seeding.
 */

export interface ApiServerReady {
  url: string;
  token: string;
}

/** From the parent: `mark` names the phase starting now (null: the last one ended). */
export type ApiServerCommand = { mark: string | null } | 'stop';

export type ApiServerMessage = { ready: ApiServerReady } | { cpu: NodeJS.CpuUsage };

function listen(fetch: (req: Request) => Response | Promise<Response>) {
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}

const send = (m: ApiServerMessage) => process.send?.(m);

const mode = process.argv[2];
if (mode === 'bare') {
  const bare = await listen(new Hono().get('/ping', (c) => c.json({ ok: true })).fetch);
  send({ ready: { url: bare.url, token: '' } });
  onMessages(bare.close);
} else if (mode === 'stride') {
  const env = await benchEnv();
  await seedContacts(env.db.database.db, env.admin.teamId, Number(process.argv[3] ?? 5000), 'api');
  const stride = await listen(env.app.fetch);
  send({ ready: { url: stride.url, token: env.admin.token } });
  onMessages(async () => {
    await stride.close();
    await env.db.dispose();
  });
} else {
  throw new Error(`bench/api-server.ts: mode bare or stride, not ${mode}`);
}

const profDir = process.env.BENCH_API_CPU_PROF;
const inspector = profDir ? new Session() : null;
inspector?.connect();
let profiling: string | null = null;

async function mark(name: string | null): Promise<void> {
  if (!inspector || !profDir) return;
  if (profiling) {
    const { profile } = await inspector.post('Profiler.stop');
    writeFileSync(join(profDir, `${profiling}.cpuprofile`), JSON.stringify(profile));
  }
  profiling = name;
  if (name) {
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
  }
}

function onMessages(close: () => Promise<void>) {
  process.on('message', async (m: ApiServerCommand) => {
    if (typeof m === 'object') {
      await mark(m.mark);
      send({ cpu: process.cpuUsage() });
    }
    if (m === 'stop') {
      await close();
      // Exiting normally (not killed) lets --cpu-prof write its profile.
      process.disconnect();
    }
  });
}

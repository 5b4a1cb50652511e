import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { type AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Database } from '../server/db/client';
import { benchEnv } from './bench-db';
import { seedContacts } from './seed';

/*
 * The server side of the api bench, run as a process of its own (bench/api-bench.ts forks it): the
 * load generator then has its own event loop and the server's figure is the server's alone. Both the
 * bare Hono route and Stride are served by this one file, so they are measured in the same shape.
 *
 * argv: `bare` or `stride` (then the number of contacts to seed). It sends `{ ready }` once
 * listening and answers each `{ mark }` with a `{ sample }` of its counters; `stop` closes the
 * server, drops the database and exits. With BENCH_API_CPU_PROF set to a directory, each mark also
 * ends the CPU profile running (written as `<mark>.cpuprofile` there) and starts the next, so each
 * phase of the load has its own profile without the start-up and the seeding.
 */

export interface ApiServerReady {
  url: string;
  token: string;
}

/** Counters since the process started; the parent subtracts two samples. */
export interface ServerSample {
  /** CPU of this process (user + system), ms. */
  cpuMs: number;
  /** Writes to a socket to the database: postgres.js sends one per round trip (pipelined statements share one). */
  dbWrites: number;
  /** The database's committed and rolled-back transactions (pg_stat_database). */
  dbXacts: number;
  /** Time the database's backends spent executing statements, ms (pg_stat_database.active_time). */
  dbActiveMs: number;
}

/** From the parent: `mark` names the phase starting now (null: the last one ended). */
export type ApiServerCommand = { mark: string | null } | 'stop';

export type ApiServerMessage = { ready: ApiServerReady } | { sample: ServerSample };

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

/** Counts writes to sockets connected to `port` (the database's), to count round trips. */
function countWritesTo(port: number): () => number {
  let writes = 0;
  const write = Socket.prototype.write;
  Socket.prototype.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
    if (this.remotePort === port) writes++;
    return write.apply(this, args);
  } as Socket['write'];
  return () => writes;
}

async function databaseCounters(database: Database): Promise<Pick<ServerSample, 'dbXacts' | 'dbActiveMs'>> {
  if (database.kind !== 'postgres') return { dbXacts: 0, dbActiveMs: 0 };
  const [row] = await database.query<{ xacts: string; active: number }>(
    `select (xact_commit + xact_rollback)::text as xacts, active_time as active
     from pg_stat_database where datname = current_database()`,
  );
  return { dbXacts: Number(row?.xacts ?? 0), dbActiveMs: row?.active ?? 0 };
}

const send = (m: ApiServerMessage) => process.send?.(m);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const profDir = process.env.BENCH_API_CPU_PROF;
const inspector = profDir ? new Session() : null;
inspector?.connect();
let profiling: string | null = null;

async function profilePhase(name: string | null): Promise<void> {
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

function onMessages(sample: () => Promise<ServerSample>, close: () => Promise<void>) {
  process.on('message', async (m: ApiServerCommand) => {
    if (m === 'stop') {
      await close();
      process.disconnect();
      return;
    }
    await profilePhase(m.mark);
    send({ sample: await sample() });
  });
}

const mode = process.argv[2];
if (mode === 'bare') {
  const bare = await listen(new Hono().get('/ping', (c) => c.json({ ok: true })).fetch);
  send({ ready: { url: bare.url, token: '' } });
  onMessages(async () => ({ cpuMs: cpuMs(), dbWrites: 0, dbXacts: 0, dbActiveMs: 0 }), bare.close);
} else if (mode === 'stride') {
  const env = await benchEnv();
  await seedContacts(env.db.database.db, env.admin.teamId, Number(process.argv[3] ?? 5000), 'api');
  const dbWrites = countWritesTo(Number(new URL(env.db.url ?? 'postgres://x:5432/x').port || 5432));
  const stride = await listen(env.app.fetch);
  send({ ready: { url: stride.url, token: env.admin.token } });
  onMessages(
    async () => {
      // Taken before the counters' own query adds to them.
      const s = { cpuMs: cpuMs(), dbWrites: dbWrites() };
      return { ...s, ...(await databaseCounters(env.db.database)) };
    },
    async () => {
      await stride.close();
      await env.db.dispose();
    },
  );
} else {
  throw new Error(`bench/api-server.ts: mode bare or stride, not ${mode}`);
}

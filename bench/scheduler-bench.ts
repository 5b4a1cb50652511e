import postgres from 'postgres';
import { defaultSchedulerConfig, type SchedulerDeps } from '../server/scheduler/scheduler-config';
import { runTick } from '../server/scheduler/worker';
import { zeroLatencyProvider } from '../test/support/zero-latency-provider';
import type { BenchEnv } from './bench-db';
import { seedContacts, seedDueSends, seedMailboxes } from './seed';

export interface SchedulerBenchResult {
  sends: number;
  sendsPerSecond: number;
  baselinePerSecond: number;
}

/**
 * The floor any correct design must beat: per send, one transaction that claims a row with
 * SKIP LOCKED and one that records the outcome, on one connection, as pgbench would run it.
 */
async function claimThenRecordBaseline(url: string, n: number): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql`create table bench_jobs (id int primary key, status text not null)`;
  await sql`insert into bench_jobs select g, 'queued' from generate_series(1, ${n}) g`;
  await sql`create index on bench_jobs (id) where status = 'queued'`;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const [job] = await sql.begin(
      (tx) => tx`update bench_jobs set status = 'sending'
        where id = (select id from bench_jobs where status = 'queued' order by id limit 1 for update skip locked)
        returning id`,
    );
    if (!job) break;
    await sql.begin((tx) => tx`update bench_jobs set status = 'sent' where id = ${job.id}`);
  }
  const perSecond = n / ((performance.now() - start) / 1000);
  await sql`drop table bench_jobs`;
  await sql.end();
  return perSecond;
}

/**
 * Sends per second for `sends` due emails, beside the floor. The floor is measured before the run
 * and again after it, and the faster of the two is used: the run leaves dirty pages and WAL behind
 * that slow whatever runs next, and the machine is shared, so neither can flatter the ratio. (The
 * floor does not depend on its row count; 5,000 keeps it short.)
 */
export async function schedulerBench(env: BenchEnv, sends: number): Promise<SchedulerBenchResult> {
  const floor = () =>
    env.db.url ? claimThenRecordBaseline(env.db.url, Math.min(sends, 5000)) : Promise.resolve(Number.NaN);
  const floorBefore = await floor();
  const { db } = env.db.database;
  const now = new Date();
  const contactIds = await seedContacts(db, env.admin.teamId, sends, 'sched');
  const mailboxIds = await seedMailboxes(db, env.admin.teamId, env.admin.id, 20);
  await seedDueSends(db, { teamId: env.admin.teamId, userId: env.admin.id, contactIds, mailboxIds, now });
  const provider = zeroLatencyProvider();
  const deps: SchedulerDeps = {
    now: () => new Date(),
    random: Math.random,
    providerFor: () => provider,
    publicUrl: 'http://127.0.0.1',
    secretKey: Buffer.alloc(32, 1),
    log: console,
  };
  const config = { ...defaultSchedulerConfig, batchSize: 500, concurrency: 100 };
  const start = performance.now();
  for (;;) {
    const r = await runTick(db, deps, config);
    if (r.claimed === 0) break;
  }
  const seconds = (performance.now() - start) / 1000;
  if (provider.sent.length !== sends)
    throw new Error(`expected ${sends} sends, provider saw ${provider.sent.length}`);
  const baselinePerSecond = Math.max(floorBefore, await floor());
  return { sends, sendsPerSecond: sends / seconds, baselinePerSecond };
}

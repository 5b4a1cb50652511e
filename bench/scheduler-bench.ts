import postgres from 'postgres';
import { defaultSchedulerConfig, type SchedulerDeps } from '../server/scheduler/scheduler-config';
import { type ChoreSchedule, runTick } from '../server/scheduler/worker';
import { zeroLatencyProvider } from '../test/support/zero-latency-provider';
import type { BenchEnv } from './bench-db';
import { seedContacts, seedDueSends, seedMailboxes } from './seed';

export interface SchedulerBenchResult {
  sends: number;
  sendsPerSecond: number;
  /** The one-at-a-time floor: one claim transaction and one record transaction per send. */
  baselinePerSecond: number;
  /** The batched ceiling: the same two transactions, 200 sends each. */
  batchedPerSecond: number;
  byWorkers: { workers: number; sendsPerSecond: number }[];
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
 * The ceiling: the same two transactions done 200 at a time, as the scheduler's claim and record are,
 * with nothing else in them: claim a batch with SKIP LOCKED, then record it sent, on one connection.
 */
async function batchedClaimThenRecord(url: string, n: number, batch: number): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql`create table bench_batch_jobs (id int primary key, status text not null)`;
  await sql`insert into bench_batch_jobs select g, 'queued' from generate_series(1, ${n}) g`;
  await sql`create index on bench_batch_jobs (id) where status = 'queued'`;
  await sql`analyze bench_batch_jobs`;
  const start = performance.now();
  for (;;) {
    const jobs = await sql.begin(
      (tx) => tx`update bench_batch_jobs set status = 'sending'
        where id in (select id from bench_batch_jobs where status = 'queued' order by id limit ${batch}
          for update skip locked)
        returning id`,
    );
    if (jobs.length === 0) break;
    const ids = JSON.stringify(jobs.map((j) => j.id));
    await sql.begin(
      (tx) => tx`update bench_batch_jobs set status = 'sent'
        where id in (select jsonb_array_elements_text(${ids}::text::jsonb)::int) and status = 'sending'`,
    );
  }
  const perSecond = n / ((performance.now() - start) / 1000);
  await sql`drop table bench_batch_jobs`;
  await sql.end();
  return perSecond;
}

/** `workers` scheduler loops on the shared pool draining `sends` fresh due sends; sends per second. */
async function drain(env: BenchEnv, sends: number, workers: number, tag: string): Promise<number> {
  const { db } = env.db.database;
  const now = new Date();
  const contactIds = await seedContacts(db, env.admin.teamId, sends, tag);
  // Fresh mailboxes per run, so one run's claims never count against the next one's hourly caps.
  const mailboxIds = await seedMailboxes(db, env.admin.teamId, env.admin.id, 20, `${tag}-sender`);
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
  // Claims of 200 recorded in one wave: the scheduler's two transactions in the ceiling's shape
  // (BENCH_BATCH and BENCH_WAVE try others; the default config sends in waves of 16 per worker).
  const config = {
    ...defaultSchedulerConfig,
    batchSize: Number(process.env.BENCH_BATCH ?? 200),
    concurrency: Number(process.env.BENCH_WAVE ?? 200),
  };
  const start = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      // As startWorker's loop: draining full batches, it looks for chores at most once a second.
      const schedule: ChoreSchedule = { skipUntil: 0 };
      for (;;) {
        const r = await runTick(db, deps, config, schedule);
        if (r.claimed === 0) break;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  if (provider.sent.length !== sends)
    throw new Error(`expected ${sends} sends, provider saw ${provider.sent.length}`);
  return sends / seconds;
}

/**
 * Sends per second for `sends` due emails, beside the one-at-a-time floor and the batched ceiling
 * (200 per transaction), then with 2 and 4 workers. Floor and ceiling are measured before the runs
 * and again after them, and the faster of the two is used: the runs leave dirty pages and WAL behind
 * that slow whatever runs next, and the machine is shared, so neither can flatter the ratios. (The
 * floor does not depend on its row count; 5,000 keeps it short.)
 */
export async function schedulerBench(env: BenchEnv, sends: number): Promise<SchedulerBenchResult> {
  const url = env.db.url;
  const floor = () =>
    url ? claimThenRecordBaseline(url, Math.min(sends, 5000)) : Promise.resolve(Number.NaN);
  const ceiling = () => (url ? batchedClaimThenRecord(url, sends, 200) : Promise.resolve(Number.NaN));
  const floorBefore = await floor();
  const ceilingBefore = await ceiling();
  const byWorkers = new Map<number, number>();
  for (const workers of [1, 2, 4])
    byWorkers.set(workers, await drain(env, sends, workers, `sched${workers}w`));
  return {
    sends,
    sendsPerSecond: byWorkers.get(1) ?? Number.NaN,
    baselinePerSecond: Math.max(floorBefore, await floor()),
    batchedPerSecond: Math.max(ceilingBefore, await ceiling()),
    byWorkers: [...byWorkers].map(([workers, sendsPerSecond]) => ({ workers, sendsPerSecond })),
  };
}

import { inArray, sql } from 'drizzle-orm';
import { mailboxes } from '../server/db/schema';
import { defaultSchedulerConfig, type SchedulerDeps } from '../server/scheduler/scheduler-config';
import { runTick } from '../server/scheduler/worker';
import { zeroLatencyProvider } from '../test/support/zero-latency-provider';
import type { BenchEnv } from './bench-db';
import { seedContacts, seedDueSends, seedMailboxes } from './seed';

export interface PacingRun {
  sends: number;
  /** Sends per second of scheduler time (the time spent inside ticks; the simulated clock is free). */
  sendsPerSecond: number;
  /** Ticks it took, including the ones that only found emails still waiting for their gap. */
  ticks: number;
}

export interface PacingBenchResult {
  mailboxes: number;
  off: PacingRun;
  on: PacingRun;
}

/**
 * The same backlog with pacing off and on, over many mailboxes in rotation. With pacing on every
 * mailbox keeps a 60 s gap with jitter, ramps up and caps each recipient domain (set high enough that
 * only the gap binds), so a mailbox sends once per gap and the rest of the backlog is deferred and
 * picked up again. A simulated clock jumps ahead whenever nothing is due, so the gaps cost no wall
 * time: what is measured is the scheduler's own work per send (gaps make a mailbox slower, not the
 * scheduler).
 */
export async function pacingBench(
  env: BenchEnv,
  sends: number,
  mailboxCount: number,
): Promise<PacingBenchResult> {
  const run = async (paced: boolean): Promise<PacingRun> => {
    const { db } = env.db.database;
    const start = new Date();
    const contactIds = await seedContacts(db, env.admin.teamId, sends, paced ? 'pace-on' : 'pace-off');
    const mailboxIds = await seedMailboxes(db, env.admin.teamId, env.admin.id, mailboxCount);
    // seedMailboxes names them sender{i}@bench.test; the second run needs its own addresses.
    await db
      .update(mailboxes)
      .set({ address: sql`${paced ? 'on-' : 'off-'}::text || ${mailboxes.address}` })
      .where(inArray(mailboxes.id, mailboxIds));
    if (paced) {
      await db
        .update(mailboxes)
        .set({
          minGapSeconds: 60,
          rampUp: { startPerDay: 4000, increasePerDay: 100, startedOn: start.toISOString().slice(0, 10) },
          recipientDomainDailyLimit: 5000,
        })
        .where(inArray(mailboxes.id, mailboxIds));
    }
    await seedDueSends(db, {
      teamId: env.admin.teamId,
      userId: env.admin.id,
      contactIds,
      mailboxIds,
      now: start,
    });
    const provider = zeroLatencyProvider();
    let clock = start.getTime();
    const deps: SchedulerDeps = {
      now: () => new Date(clock),
      random: Math.random,
      providerFor: () => provider,
      publicUrl: 'http://127.0.0.1',
      secretKey: Buffer.alloc(32, 1),
      log: console,
    };
    const config = { ...defaultSchedulerConfig, batchSize: 500, concurrency: 100 };
    let busyMs = 0;
    let ticks = 0;
    while (provider.sent.length < sends && ticks < 100_000) {
      const t0 = performance.now();
      const r = await runTick(db, deps, config);
      busyMs += performance.now() - t0;
      ticks += 1;
      // Nothing more is due now: move the clock to the next poll, as an idle worker would sleep.
      if (r.claimed === 0) clock += 15_000;
      else clock += 10;
    }
    if (provider.sent.length !== sends)
      throw new Error(`expected ${sends} sends, provider saw ${provider.sent.length}`);
    return { sends, sendsPerSecond: sends / (busyMs / 1000), ticks };
  };
  const off = await run(false);
  const on = await run(true);
  return { mailboxes: mailboxCount, off, on };
}

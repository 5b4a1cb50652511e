import { sql } from 'drizzle-orm';
import { mailboxes } from '../server/db/schema';
import { defaultSchedulerConfig, type SchedulerDeps } from '../server/scheduler/scheduler-config';
import { type ChoreSchedule, runTick } from '../server/scheduler/worker';
import { zeroLatencyProvider } from '../test/support/zero-latency-provider';
import type { BenchEnv } from './bench-db';
import { seedContacts, seedDueSends, seedMailboxes } from './seed';

/** The gap every mailbox keeps with pacing on; jitter adds up to half of it. */
export const PACING_GAP_SECONDS = 60;

export interface PacingRun {
  sends: number;
  /** Sends per second of scheduler time: wall time inside ticks only (the fake clock is free). */
  sendsPerSecond: number;
  /** The scheduler's cost per send: wall ms inside ticks (claim, dispatch, record) per email sent. */
  msPerSend: number;
  /** Ticks it took, including those that only deferred emails to their mailbox's next moment. */
  ticks: number;
  /** Emails claimed per tick on average (ticks that only deferred count too). */
  sendsPerTick: number;
  /** Wall time per tick on average: the fixed cost of a tick shows when ticks claim few. */
  msPerTick: number;
  /** How far the fake clock moved to get every email out. */
  simulatedMinutes: number;
  /** The smallest gap between two sends of one mailbox, by the fake clock (null: none sent twice). */
  minGapSeconds: number | null;
}

export interface PacingBenchResult {
  mailboxes: number;
  batchSize: number;
  gapSeconds: number;
  pollMs: number;
  off: PacingRun;
  on: PacingRun;
}

/**
 * How many mailboxes keep gaps from being what limits a batch: a mailbox keeping a gap (plus up to half
 * of it as jitter, 1.25 gaps on average) sends once per mean gap, so `batch` sends become possible
 * every poll only with batch x mean gap / poll mailboxes. Fewer, and each tick claims the handful the
 * gaps allow (with 200 mailboxes and 60 s gaps, 3.3 sends per second of the fake clock): the figure
 * then measures the fake clock and a tick's fixed cost, not the scheduler's work per send.
 */
export function mailboxesForBatch(batch: number, gapSeconds: number, pollMs: number): number {
  return Math.ceil((batch * gapSeconds * 1.25 * 1000) / pollMs);
}

/** Rows per insert when seeding mailboxes (one bound parameter per cell; Postgres allows 65,535). */
const MAILBOX_CHUNK = 2000;

/**
 * The same backlog with pacing off and on, over many mailboxes, driven by an injected clock (the
 * scheduler only ever reads deps.now()). Each enrollment sends from one mailbox (a rep's own) and each
 * mailbox has `sends / mailboxes` emails due, so with pacing on every mailbox's second email must wait
 * for its gap. With pacing on every mailbox keeps a 60 s gap with jitter, ramps up and caps each
 * recipient domain (set high enough that only the gap binds), and the emails a gap holds are deferred
 * to their moment. Between ticks the clock moves as a worker's would (a full batch goes again at once,
 * else it sleeps a poll) and jumps over idle time to the next moment an email becomes sendable, so
 * waiting costs no wall time: what is measured is the scheduler's own work per send, deferrals
 * included. Every send is stamped with the clock by the provider, and the smallest gap seen per
 * mailbox is returned, so the same run shows that no gap was cut short.
 */
export async function pacingBench(
  env: BenchEnv,
  sends: number,
  mailboxCount: number,
  pollMs: number,
  batchSize = 200,
): Promise<PacingBenchResult> {
  const run = async (paced: boolean): Promise<PacingRun> => {
    const { db } = env.db.database;
    const start = new Date();
    const contactIds = await seedContacts(db, env.admin.teamId, sends, paced ? 'pace-on' : 'pace-off');
    const mailboxIds: string[] = [];
    for (let i = 0; i < mailboxCount; i += MAILBOX_CHUNK) {
      // Each run (and chunk) needs its own addresses.
      const prefix = `${paced ? 'on' : 'off'}-${i}-sender`;
      const n = Math.min(MAILBOX_CHUNK, mailboxCount - i);
      mailboxIds.push(...(await seedMailboxes(db, env.admin.teamId, env.admin.id, n, prefix)));
    }
    if (paced) {
      await db
        .update(mailboxes)
        .set({
          minGapSeconds: PACING_GAP_SECONDS,
          rampUp: { startPerDay: 4000, increasePerDay: 100, startedOn: start.toISOString().slice(0, 10) },
          recipientDomainDailyLimit: 5000,
        })
        .where(
          sql`${mailboxes.id} in (select jsonb_array_elements_text(${JSON.stringify(mailboxIds)}::jsonb))`,
        );
    }
    // Seeded with the first mailbox only (every enrollment carries its list), then spread below.
    await seedDueSends(db, {
      teamId: env.admin.teamId,
      userId: env.admin.id,
      contactIds,
      mailboxIds: mailboxIds.slice(0, 1),
      now: start,
    });
    // Each enrollment sends from one of the mailboxes (a rep's own), spread evenly, as a large team
    // would: a tick then locks the mailboxes of the emails it handles, not all of them every time.
    await env.db.database.query(
      `with r as (
        select id, ((row_number() over (order by id) - 1) % $2)::int as k from enrollments where mailbox_ids ? $3)
      update enrollments e set mailbox_ids = jsonb_build_array($1::jsonb ->> r.k) from r where e.id = r.id`,
      [JSON.stringify(mailboxIds), mailboxIds.length, mailboxIds[0]],
    );
    const provider = zeroLatencyProvider();
    let clock = start.getTime();
    const sentAt = new Map<string, number[]>();
    const deps: SchedulerDeps = {
      now: () => new Date(clock),
      random: Math.random,
      // Each send stamped with the fake clock and its mailbox, to check the gaps afterwards.
      providerFor: (mailbox) => ({
        ...provider,
        send: (email, signal) => {
          const times = sentAt.get(mailbox.id) ?? [];
          times.push(clock);
          sentAt.set(mailbox.id, times);
          return provider.send(email, signal);
        },
      }),
      publicUrl: 'http://127.0.0.1',
      secretKey: Buffer.alloc(32, 1),
      log: console,
    };
    const config = { ...defaultSchedulerConfig, batchSize, concurrency: batchSize };
    const nextDue = async (): Promise<number | null> => {
      const [row] = await env.db.database.query<{ at: number | null }>(
        `select (extract(epoch from min(due_at)) * 1000)::float8 as at from emails where status = 'scheduled'`,
      );
      return row?.at == null ? null : Number(row.at);
    };
    let busyMs = 0;
    let ticks = 0;
    // The worker loop's schedule of looks for chores (see startWorker): skipped only while batches are full.
    const schedule: ChoreSchedule = { skipUntil: 0 };
    while (provider.sent.length < sends && ticks < 100_000) {
      const t0 = performance.now();
      const r = await runTick(db, deps, config, schedule);
      busyMs += performance.now() - t0;
      ticks += 1;
      // Outside the timed part, the worker loop on the fake clock: a full batch goes again at once; an
      // idle worker sleeps pollMs, and when nothing is due by then the clock jumps on to the next
      // moment an email becomes sendable (the earliest due time queued), never back.
      if (r.claimed >= config.batchSize) continue;
      schedule.skipUntil = 0;
      const due = await nextDue();
      if (due === null) break;
      clock = Math.max(clock + pollMs, due);
    }
    if (provider.sent.length !== sends)
      throw new Error(`expected ${sends} sends, provider saw ${provider.sent.length}`);
    let minGap: number | null = null;
    for (const times of sentAt.values())
      for (let i = 1; i < times.length; i++) {
        const gap = ((times[i] ?? 0) - (times[i - 1] ?? 0)) / 1000;
        minGap = minGap === null ? gap : Math.min(minGap, gap);
      }
    return {
      sends,
      sendsPerSecond: sends / (busyMs / 1000),
      msPerSend: busyMs / sends,
      ticks,
      sendsPerTick: sends / ticks,
      msPerTick: busyMs / ticks,
      simulatedMinutes: (clock - start.getTime()) / 60_000,
      minGapSeconds: minGap,
    };
  };
  const off = await run(false);
  const on = await run(true);
  return { mailboxes: mailboxCount, batchSize, gapSeconds: PACING_GAP_SECONDS, pollMs, off, on };
}

import { inArray, sql } from 'drizzle-orm';
import { mailboxes } from '../server/db/schema';
import { defaultSchedulerConfig, type SchedulerDeps } from '../server/scheduler/scheduler-config';
import { runTick } from '../server/scheduler/worker';
import { zeroLatencyProvider } from '../test/support/zero-latency-provider';
import type { BenchEnv } from './bench-db';
import { seedContacts, seedDueSends, seedMailboxes } from './seed';

/** The gap every mailbox keeps with pacing on; jitter adds up to half of it. */
export const PACING_GAP_SECONDS = 60;

export interface PacingRun {
  sends: number;
  /** Sends per second of scheduler time: wall time inside ticks only (the fake clock is free). */
  sendsPerSecond: number;
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
  gapSeconds: number;
  pollMs: number;
  off: PacingRun;
  on: PacingRun;
}

/**
 * The same backlog with pacing off and on, over many mailboxes in rotation, driven by an injected
 * clock (the scheduler only ever reads deps.now()). With pacing on every mailbox keeps a 60 s gap with
 * jitter, ramps up and caps each recipient domain (set high enough that only the gap binds), so a
 * mailbox sends once per gap and the rest of the backlog is deferred to its moment. Between ticks the
 * clock jumps to the next moment an email becomes sendable (the earliest due time still queued), so
 * waiting costs no wall time: what is measured is the scheduler's own work per send. Every send is
 * stamped with the clock by the provider, and the smallest gap seen per mailbox is returned, so the
 * same run shows that no gap was cut short.
 */
export async function pacingBench(
  env: BenchEnv,
  sends: number,
  mailboxCount: number,
  pollMs: number,
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
          minGapSeconds: PACING_GAP_SECONDS,
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
    // Each enrollment sends from one of the mailboxes (a rep's own), spread evenly, as a team of 200
    // reps would: a tick then locks the mailboxes of the emails it handles, not all 200 every time.
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
    const config = { ...defaultSchedulerConfig, batchSize: 200, concurrency: 200 };
    const nextDue = async (): Promise<number | null> => {
      const [row] = await env.db.database.query<{ at: number | null }>(
        `select (extract(epoch from min(due_at)) * 1000)::float8 as at from emails where status = 'scheduled'`,
      );
      return row?.at == null ? null : Number(row.at);
    };
    let busyMs = 0;
    let ticks = 0;
    while (provider.sent.length < sends && ticks < 100_000) {
      const t0 = performance.now();
      const r = await runTick(db, deps, config);
      busyMs += performance.now() - t0;
      ticks += 1;
      // Outside the timed part, the worker loop on the fake clock: a full batch goes again at once; an
      // idle worker sleeps pollMs, and when nothing is due by then the clock jumps on to the next
      // moment an email becomes sendable (the earliest due time queued), never back.
      if (r.claimed >= config.batchSize) continue;
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
      ticks,
      sendsPerTick: sends / ticks,
      msPerTick: busyMs / ticks,
      simulatedMinutes: (clock - start.getTime()) / 60_000,
      minGapSeconds: minGap,
    };
  };
  const off = await run(false);
  const on = await run(true);
  return { mailboxes: mailboxCount, gapSeconds: PACING_GAP_SECONDS, pollMs, off, on };
}

import type { Db } from '../db/client';
import { resumeDueEnrollments, startDueEnrollments } from '../domain/enrollments/lifecycle';
import { claimBatch } from './claim-batch';
import { dispatchClaims } from './dispatch';
import { recordOutcomes } from './record-outcomes';
import { recoverExpiredLeases } from './recover-leases';
import type { SchedulerConfig, SchedulerDeps } from './scheduler-config';
import { selectPendingChores } from './sql/select-pending-chores';

export interface TickResult {
  started: number;
  resumed: number;
  recovered: number;
  claimed: number;
}

/**
 * While a worker drains a backlog in full batches it goes again at once, and looking for chores before
 * every batch was a round trip per batch that almost always found none. It then looks at most this
 * often; an idle worker looks on every tick, as before.
 */
export const CHORE_CHECK_EVERY_MS = 1000;

/** A worker's memory between ticks of when it may next skip the look for chores. */
export interface ChoreSchedule {
  /** Epoch ms (deps.now) before which a tick may skip the look; 0: look now. */
  skipUntil: number;
}

const NO_CHORES = { start: false, resume: false, recover: false };

/**
 * One pass of the loop: start enrollments whose start time came, auto-resume paused ones, recover
 * expired leases, then claim → dispatch → record one batch. Given a `chores` schedule (the worker
 * loop keeps one), the look for chores is skipped until `skipUntil`; the loop sets it only while
 * batches come back full.
 */
export async function runTick(
  db: Db,
  deps: SchedulerDeps,
  config: SchedulerConfig,
  schedule?: ChoreSchedule,
): Promise<TickResult> {
  const at = deps.now().getTime();
  const look = !schedule || at >= schedule.skipUntil;
  const chores = look ? await selectPendingChores(db, deps.now()) : NO_CHORES;
  if (look && schedule) schedule.skipUntil = at + CHORE_CHECK_EVERY_MS;
  const started = chores.start ? await startDueEnrollments(db, deps.now()) : 0;
  const resumed = chores.resume ? await resumeDueEnrollments(db, deps.now()) : 0;
  const recovered = chores.recover ? await recoverExpiredLeases(db, deps, config) : 0;
  // Waves of `concurrency`: each is marked dispatched, sent, and recorded before the next starts, so
  // a worker killed mid-batch leaves at most one wave whose outcome is unknown; the rest of its
  // claims provably never reached a provider and go straight back to the queue. The claim marks the
  // first wave in its own commit, and recording a wave marks the next in the same transaction.
  const claims = await claimBatch(db, deps.now(), config, deps.random, { dispatchFirst: config.concurrency });
  const wave = (i: number) => claims.slice(i, i + config.concurrency);
  let owned = wave(0);
  for (let i = 0; i < claims.length; i += config.concurrency) {
    const outcomes = await dispatchClaims(owned, deps, config.concurrency);
    owned = await recordOutcomes(db, outcomes, deps.now(), config, deps.random, wave(i + config.concurrency));
  }
  return { started, resumed, recovered, claimed: claims.length };
}

export interface RunningWorker {
  /** Stops claiming; resolves once the batch in flight has been dispatched and recorded. */
  stop(): Promise<void>;
}

/**
 * The worker loop. A full batch means more is due, so it goes again at once; otherwise it sleeps.
 * Errors are logged and retried after the poll interval: a database hiccup must not end the loop.
 */
export function startWorker(
  db: Db,
  deps: SchedulerDeps,
  config: SchedulerConfig,
  opts: { pollMs: number },
): RunningWorker {
  let stopping = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const schedule: ChoreSchedule = { skipUntil: 0 };
  const loop = (async () => {
    while (!stopping) {
      let busy = false;
      try {
        const r = await runTick(db, deps, config, schedule);
        busy = r.claimed >= config.batchSize || r.recovered >= config.batchSize;
      } catch (err) {
        deps.log.error('scheduler tick failed', err);
      }
      // Only a worker going again at once skips looks; after a sleep the next tick looks.
      if (!busy) schedule.skipUntil = 0;
      if (!stopping && !busy) await sleep(opts.pollMs);
    }
  })();
  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}

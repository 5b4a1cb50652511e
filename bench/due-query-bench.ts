import { sql } from 'drizzle-orm';
import { rowsOf } from '../server/db/rows';
import { defaultSchedulerConfig } from '../server/scheduler/scheduler-config';
import { preferKeyedPlans } from '../server/scheduler/sql/prefer-keyed-plans';
import { selectDue, selectDueEmails } from '../server/scheduler/sql/select-due-emails';
import type { BenchEnv } from './bench-db';

export interface DueQueryResult {
  rows: number;
  /** Round trip from the worker: the statement plus sending and mapping every claimed row's columns. */
  ms: number;
  /** The same statement sent unprepared (drizzle's default): two round trips, parsed and planned each time. */
  unpreparedMs: number;
  /** Postgres's own time for the statement (EXPLAIN ANALYZE), index scan and locks. */
  executionMs: number;
  plan: string;
}

/**
 * The scheduler's claim query itself (one batch, locks included, under the claim transaction's planner
 * settings) over a table of `n` enrollments whose emails are almost all due in the future (the normal
 * state): it must stay an index range scan, not a table scan. Rows are generated in SQL; the claim runs
 * inside a transaction that is rolled back, so nothing is changed.
 */
export async function dueQueryBench(env: BenchEnv, n: number): Promise<DueQueryResult> {
  const q = env.db.database.query.bind(env.db.database);
  const team = env.admin.teamId;
  const user = env.admin.id;
  await q(
    `insert into sequences (id, team_id, owner_id, name, active, schedule) values ('seq_due', $1, $2, 'Due', true, '{"timezone":"UTC","useContactTimezone":false,"windows":[{"days":[1,2,3,4,5,6,7],"start":"00:00","end":"24:00"}]}')`,
    [team, user],
  );
  await q(
    `insert into steps (id, sequence_id, position, type) values ('stp_due', 'seq_due', 1, 'auto_email')`,
  );
  await q(
    `insert into contacts (id, team_id, email, email_lower, email_status)
     select 'con_d' || g, $1, 'd' || g || '@due.test', 'd' || g || '@due.test', 'verified' from generate_series(1, $2::int) g`,
    [team, n],
  );
  await q(
    `insert into enrollments (id, team_id, sequence_id, contact_id, user_id, status, step_anchor_at)
     select 'enr_d' || g, $1, 'seq_due', 'con_d' || g, $2, 'active', now() from generate_series(1, $3::int) g`,
    [team, user, n],
  );
  // One in a thousand is due now; the rest are spread over the next 30 days.
  await q(
    `insert into emails (id, team_id, enrollment_id, contact_id, step_id, status, due_at, scheduled_at, prospect_score)
     select 'eml_d' || g, $1, 'enr_d' || g, 'con_d' || g, 'stp_due', 'scheduled',
            case when g % 1000 = 0 then now() - interval '1 minute' else now() + (g % 43200) * interval '1 minute' end,
            now(), g % 100
     from generate_series(1, $2::int) g`,
    [team, n],
  );
  await q('analyze');
  const batch = defaultSchedulerConfig.batchSize;
  // Inside a transaction that is always rolled back, so the locks and nothing else are taken.
  let result: DueQueryResult | undefined;
  await env.db.database.db
    .transaction(async (tx) => {
      await preferKeyedPlans(tx);
      const now = new Date();
      // As the scheduler runs it: prepared, so after the first run one round trip and no parse.
      await selectDueEmails(tx, now, batch);
      const median = async (run: () => Promise<unknown>) => {
        const runs: number[] = [];
        for (let i = 0; i < 5; i++) {
          const t0 = performance.now();
          await run();
          runs.push(performance.now() - t0);
        }
        runs.sort((a, b) => a - b);
        return runs[Math.floor(runs.length / 2)] ?? Number.NaN;
      };
      const ms = await median(() => selectDueEmails(tx, now, batch));
      const unpreparedMs = await median(() => selectDue(tx, now, batch));
      const plan = rowsOf<{ 'QUERY PLAN': string }>(
        await tx.execute(sql`explain (analyze, costs off, timing off) ${selectDue(tx, now, batch)}`),
      );
      const text = plan.map((r) => r['QUERY PLAN']).join('\n');
      result = {
        rows: n,
        ms,
        unpreparedMs,
        executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? Number.NaN),
        plan: text,
      };
      tx.rollback();
    })
    .catch((err: Error) => {
      if (!result) throw err;
    });
  if (!result) throw new Error('due query did not run');
  return result;
}

import { performance } from 'node:perf_hooks';
import { sequenceReportFromScratch } from '../test/server/helpers/report-from-scratch';
import type { BenchEnv } from './bench-db';

export interface ReportBenchResult {
  emails: number;
  enrollments: number;
  /** Median of GET /api/sequences/:id/report through the app (auth, access check, fold, rollups). */
  ms: number;
  slowestMs: number;
  /** The same report counted from emails, enrollments and activities, once (the old way). */
  fromScratchMs: number;
  /** Seeding through the triggers: the INSERT … SELECT of all emails, their rollup included. */
  seedEmailsMs: number;
  /** Recording a batch of 200 sends through the triggers, and the fold the next read does for them. */
  batchUpdateMs: number;
  foldMs: number;
}

const SEQ = 'seq_rep';
const STEPS = 4;

/**
 * One sequence with `emails` emails: four email steps (the first with two A/B variants), one email
 * per step for each enrollment, sent over the last 30 days, with bounces, holds, human clicks,
 * replies and unsubscribes sprinkled in. Rows are generated in SQL, and the emails go in with one
 * INSERT … SELECT, so the rollup triggers see one big statement.
 */
export async function reportBench(env: BenchEnv, emails: number): Promise<ReportBenchResult> {
  const q = env.db.database.query.bind(env.db.database);
  const team = env.admin.teamId;
  const user = env.admin.id;
  const n = Math.ceil(emails / STEPS);
  await q(
    `insert into sequences (id, team_id, owner_id, name, active, schedule) values ('${SEQ}', $1, $2, 'Report', true, '{"timezone":"UTC","useContactTimezone":false,"windows":[{"days":[1,2,3,4,5],"start":"09:00","end":"17:00"}]}')`,
    [team, user],
  );
  const variants = JSON.stringify([
    { id: 'va', subject: null, body: 'A', weight: 1, active: true },
    { id: 'vb', subject: null, body: 'B', weight: 1, active: true },
  ]);
  await q(
    `insert into steps (id, sequence_id, position, type, wait_minutes, variants)
     select 'stp_rep' || p, '${SEQ}', p, 'auto_email', 1440, case when p = 1 then $1::jsonb else '[]'::jsonb end
     from generate_series(1, ${STEPS}) p`,
    [variants],
  );
  await q(
    `insert into contacts (id, team_id, email, email_lower, email_status)
     select 'con_r' || g, $1, 'r' || g || '@report.test', 'r' || g || '@report.test', 'verified' from generate_series(1, $2::int) g`,
    [team, n],
  );
  await q(
    `insert into enrollments (id, team_id, sequence_id, contact_id, user_id, status, finished_reason, step_anchor_at)
     select 'enr_r' || g, $1, '${SEQ}', 'con_r' || g, $2,
            case when g % 20 = 0 then 'finished' when g % 101 = 0 then 'bounced' else 'active' end,
            case when g % 40 = 0 then 'replied' when g % 20 = 0 then 'meeting_booked' end, now()
     from generate_series(1, $3::int) g`,
    [team, user, n],
  );
  const seedStart = performance.now();
  await q(
    `insert into emails (id, team_id, enrollment_id, contact_id, step_id, variant_id, status, sent_at, clicks)
     select 'eml_r' || g, $1, 'enr_r' || (g % $2::int + 1), 'con_r' || (g % $2::int + 1), 'stp_rep' || (g / $2::int + 1),
            case when g / $2::int = 0 then case when g % 2 = 0 then 'va' else 'vb' end end,
            case when g % 97 = 0 then 'bounced' when g % 199 = 0 then 'not_sent' else 'sent' end,
            case when g % 199 = 0 then null else now() - (g % 43200) * interval '1 minute' end,
            case when g % 13 = 0 then 1 + g % 3 else 0 end
     from generate_series(0, $3::int - 1) g`,
    [team, n, emails],
  );
  const seedEmailsMs = performance.now() - seedStart;
  await q(
    `insert into activities (id, team_id, kind, contact_id, enrollment_id, email_id)
     select 'act_r' || g, $1, case when g % 7 = 0 then 'contact.unsubscribed' else 'email.replied' end,
            'con_r' || (g * 31 % $2::int + 1), 'enr_r' || (g * 31 % $2::int + 1), 'eml_r' || (g * 31 % $2::int)
     from generate_series(1, $3::int) g`,
    [team, n, Math.floor(n / 25)],
  );
  await q('analyze');

  const get = async () => {
    const t0 = performance.now();
    const res = await env.app.request(`/api/sequences/${SEQ}/report?tz=America/New_York&days=30`, {
      headers: { authorization: `Bearer ${env.admin.token}` },
    });
    if (res.status !== 200) throw new Error(`report: ${res.status} ${await res.text()}`);
    await res.json();
    return performance.now() - t0;
  };
  // The first read folds what the seeding appended; the figure is for a report read again later.
  const foldAll = performance.now();
  await get();
  const firstMs = performance.now() - foldAll;
  const times: number[] = [];
  for (let i = 0; i < 15; i++) times.push(await get());
  times.sort((a, b) => a - b);

  // 200 more sends in one statement, as the scheduler records a batch, then the read that folds them.
  await q(
    `update emails set status = 'scheduled', sent_at = null where id in (select 'eml_r' || g from generate_series(1, 200) g)`,
  );
  await get();
  const b0 = performance.now();
  await q(
    `update emails set status = 'sent', sent_at = now() where id in (select 'eml_r' || g from generate_series(1, 200) g)`,
  );
  const batchUpdateMs = performance.now() - b0;
  const readAfterBatch = await get();

  const admin = { id: user, teamId: team, email: 'bench@example.test', name: '', role: 'admin' as const };
  const s0 = performance.now();
  await sequenceReportFromScratch(env.db.database.db, admin, SEQ, {
    timezone: 'America/New_York',
    days: 30,
    now: new Date(),
  });
  const fromScratchMs = performance.now() - s0;
  void firstMs;
  return {
    emails,
    enrollments: n,
    ms: times[Math.floor(times.length / 2)] ?? Number.NaN,
    slowestMs: times[times.length - 1] ?? Number.NaN,
    fromScratchMs,
    seedEmailsMs,
    batchUpdateMs,
    foldMs: readAfterBatch,
  };
}

import { existsSync, readFileSync } from 'node:fs';
import { loadavg as osLoadavg } from 'node:os';
import { type ApiLoadResult, apiBench } from './api-bench';
import { benchEnv, fmt } from './bench-db';
import { bulkBench } from './bulk-bench';
import { dueQueryBench } from './due-query-bench';
import { enrollBench } from './enroll-bench';
import { extensionSizeBench } from './extension-size-bench';
import { guardBench } from './guard-bench';
import { importBench } from './import-bench';
import { repliesBench } from './replies-bench';
import { reportBench } from './report-bench';
import { schedulerBench } from './scheduler-bench';
import { mailboxesForBatch, PACING_GAP_SECONDS, pacingBench } from './scheduler-pacing-bench';
import { syncIdleBench, syncIngestBench } from './sync';

// Every speed target lives here, measured in one run and printed as numbers and ratios; tests never
// time anything (the machines are shared and noisy). `npm run bench -- guards api` runs a subset.
const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);
const line = (s: string) => console.info(s);
/** The machine's 1, 5 and 15 minute load: the figures mean little without it (the machine is shared). */
const loadavg = () =>
  osLoadavg()
    .map((l) => fmt(l, 2))
    .join(' ');
// The machine is shared: a figure means little without the load it was measured under.
const loadNote = () => `, load ${loadavg()}`;

if (want('guards')) {
  const perSecond = guardBench();
  line(
    `guards: ${fmt(perSecond, 0)} evaluations/s on one core (goal >= 100000: ${fmt(perSecond / 100_000, 2)}x)`,
  );
}

if (want('api')) {
  const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const r = await apiBench(Number(process.env.BENCH_API_MS ?? 3000));
  const show = (name: string, x: ApiLoadResult) =>
    line(
      `api ${name}: ${fmt(x.requestsPerSecond, 0)} req/s, p50 ${fmt(x.p50Ms)} ms, p99 ${fmt(x.p99Ms)} ms ` +
        `(${fmt(x.requestsPerSecond / r.bare.requestsPerSecond, 2)}x of bare Hono) on ${kind}; ` +
        `per request: server CPU ${fmt(x.serverCpuMs, 3)} ms (${fmt(x.serverCpuMs / r.bare.serverCpuMs, 1)}x of bare Hono), ` +
        `${fmt(x.dbRoundTrips, 2)} round trips and ${fmt(x.dbXacts, 2)} transactions to the database, ` +
        `${fmt(x.dbActiveMs, 3)} ms executing in it`,
    );
  show('bare Hono route', r.bare);
  show('contact by email', r.contactByEmail);
  show('delta feed', r.changes);
  show('preflight', r.preflight);
  // Figures swing with the machine's load; the ratios, measured in one run, are what compare.
  line(`api load: ${loadavg()} (1, 5, 15 min load average); server and load generator in separate processes`);
}

if (want('enroll')) {
  const env = await benchEnv();
  const n = Number(process.env.BENCH_ENROLL ?? 10_000);
  const { ms, warnings } = await enrollBench(env, n);
  line(
    `enroll: ${n} contacts in one call in ${fmt(ms, 0)} ms on ${env.kind} (goal < 1000 ms: ${fmt(1000 / ms, 2)}x), ` +
      `${warnings} warnings returned and recorded${loadNote()}`,
  );
  await env.db.dispose();
}

if (want('bulk')) {
  const env = await benchEnv();
  const n = Number(process.env.BENCH_BULK ?? 10_000);
  for (const [action, ms] of await bulkBench(env, n)) {
    line(
      `bulk ${action}: ${n} enrollments in ${fmt(ms, 0)} ms in one call on ${env.kind} (goal < 2000 ms: ${fmt(2000 / ms, 2)}x)${loadNote()}`,
    );
  }
  await env.db.dispose();
}

if (want('import')) {
  const env = await benchEnv();
  const r = await importBench(env, Number(process.env.BENCH_IMPORT_ROWS ?? 10_000));
  line(
    `import: ${r.rows} Apollo-layout rows in one request: create ${fmt(r.createMs, 0)} ms, update ` +
      `${fmt(r.updateMs, 0)} ms on ${env.kind} (goal < 2000 ms: ${fmt(2000 / Math.max(r.createMs, r.updateMs), 2)}x); ` +
      `parsing and reading the cells ${fmt(r.parseMs, 0)} ms of it`,
  );
  await env.db.dispose();
}

if (want('scheduler')) {
  const env = await benchEnv();
  const sends = Number(process.env.BENCH_SENDS ?? 20_000);
  const r = await schedulerBench(env, sends);
  line(
    `scheduler: ${fmt(r.sendsPerSecond, 0)} sends/s for ${r.sends} due sends on ${env.kind} ` +
      `(claim-then-record floor ${fmt(r.baselinePerSecond, 0)}/s, ratio ${fmt(r.sendsPerSecond / r.baselinePerSecond, 2)}x; ` +
      `batched ceiling ${fmt(r.batchedPerSecond, 0)}/s at 200 per transaction, ratio ${fmt(r.sendsPerSecond / r.batchedPerSecond, 2)}x, goal >= 0.5x); load ${loadavg()}`,
  );
  const one = r.byWorkers[0]?.sendsPerSecond ?? Number.NaN;
  line(
    `scheduler workers: ${r.byWorkers.map((w) => `${w.workers} ${w.workers === 1 ? 'worker' : 'workers'} ${fmt(w.sendsPerSecond, 0)} sends/s (${fmt(w.sendsPerSecond / one, 2)}x)`).join(', ')} ` +
      `for ${r.sends} due sends each on ${env.kind}; load ${loadavg()}`,
  );
  await env.db.dispose();
}

// Part of the scheduler section (`npm run bench -- pacing` runs it alone): gaps make a mailbox slower,
// not the scheduler, so the scheduler's own work per send should stay close with pacing on.
if (want('scheduler') || want('pacing')) {
  const env = await benchEnv();
  const pollMs = Number(process.env.BENCH_PACING_POLL_MS ?? 2000);
  const batch = 200;
  // Enough mailboxes that gaps do not limit a batch (see mailboxesForBatch), two sends each so every
  // mailbox's second send must wait for its gap.
  const mailboxCount = Number(
    process.env.BENCH_PACING_MAILBOXES ?? mailboxesForBatch(batch, PACING_GAP_SECONDS, pollMs),
  );
  const r = await pacingBench(
    env,
    Number(process.env.BENCH_PACING_SENDS ?? 2 * mailboxCount),
    mailboxCount,
    pollMs,
    batch,
  );
  const ratio = r.on.sendsPerSecond / r.off.sendsPerSecond;
  const gap = r.on.minGapSeconds;
  line(
    `scheduler pacing: ${fmt(r.on.sendsPerSecond, 0)} sends/s with gaps and ramp-up on (and domain caps), ` +
      `${fmt(r.off.sendsPerSecond, 0)} sends/s off (${fmt(ratio, 2)}x, goal >= 0.7x), ` +
      `${r.on.sends} sends over ${r.mailboxes} mailboxes (enough that gaps do not limit a batch of ${r.batchSize}) on ${env.kind}; ` +
      `scheduler time per send ${fmt(r.on.msPerSend, 2)} ms on, ${fmt(r.off.msPerSend, 2)} ms off ` +
      `(wall time inside ticks, deferrals included; fake clock, worker polling every ${r.pollMs} ms); ` +
      `ticks ${r.on.ticks} on (${fmt(r.on.sendsPerTick)} sends, ${fmt(r.on.msPerTick)} ms each), ` +
      `${r.off.ticks} off (${fmt(r.off.sendsPerTick)} sends, ${fmt(r.off.msPerTick)} ms each); ` +
      `fake clock ${fmt(r.on.simulatedMinutes)} min on, ${fmt(r.off.simulatedMinutes)} min off; ` +
      `load ${loadavg()}`,
  );
  line(
    `scheduler pacing gaps: min observed gap per mailbox ${gap === null ? 'n/a' : fmt(gap)} s, configured ${r.gapSeconds} s ` +
      `(${gap !== null && gap >= r.gapSeconds ? 'no gap violated' : 'GAP VIOLATED'})`,
  );
  await env.db.dispose();
}

if (want('due')) {
  const env = await benchEnv();
  const r = await dueQueryBench(env, Number(process.env.BENCH_DUE_ROWS ?? 1_000_000));
  line(
    `due query: ${fmt(r.ms, 2)} ms round trip for one claim batch with ${r.rows} enrollments on ${env.kind} ` +
      `(goal < 10 ms: ${fmt(10 / r.ms, 2)}x); ${fmt(r.executionMs, 2)} ms of it executing in the database; ` +
      `${fmt(r.unpreparedMs, 2)} ms unprepared, interleaved (${fmt(r.unpreparedMs / r.ms, 2)}x of prepared)`,
  );
  line(r.plan.replace(/^/gm, '    '));
  await env.db.dispose();
}

if (want('report')) {
  const env = await benchEnv();
  const r = await reportBench(env, Number(process.env.BENCH_REPORT_EMAILS ?? 1_000_000));
  line(
    `report: ${fmt(r.ms, 1)} ms over ${r.emails} emails (goal < 200 ms: ${fmt(200 / r.ms, 2)}x) on ${env.kind}, ` +
      `median of 15 reads through the API, slowest ${fmt(r.ms > 0 ? r.slowestMs : 0, 1)} ms; ${r.enrollments} enrollments; ` +
      `counted from scratch ${fmt(r.fromScratchMs, 0)} ms (${fmt(r.fromScratchMs / r.ms, 0)}x slower)`,
  );
  line(
    `report upkeep: ${r.emails} emails inserted in one statement in ${fmt(r.seedEmailsMs, 0)} ms with the rollup triggers; ` +
      `a batch of 200 sends recorded in ${fmt(r.batchUpdateMs, 1)} ms, the next read (folding them) ${fmt(r.foldMs, 1)} ms; ` +
      `load ${loadavg()}`,
  );
  await env.db.dispose();
}

if (want('extension')) {
  // Measured by the e2e run in real Chromium (npm run test:e2e), which writes this file.
  const file = 'artifacts/extension-bench.json';
  if (existsSync(file)) {
    line(`extension (from the last e2e run): ${readFileSync(file, 'utf8').trim()}`);
  } else {
    line('extension: run `npm run test:e2e` first; it measures panel and compose-bar latency in Chromium');
  }
  for (const r of extensionSizeBench()) {
    const kib = (bytes: number) => `${fmt(bytes / 1024, 1)} KiB`;
    const parts = r.largest.map(([owner, bytes]) => `${owner} ${kib(bytes)}`).join(', ');
    line(
      `extension ${r.script} content script: ${kib(r.oursBytes)} minified beyond InboxSDK ` +
        `(goal < 200 KiB: ${fmt((200 * 1024) / r.oursBytes, 2)}x; InboxSDK ${kib(r.inboxSdkBytes)}; largest: ${parts})`,
    );
  }
}

if (want('replies')) {
  const r = await repliesBench(Number(process.env.BENCH_REPLIES_MS ?? 2000));
  if (!r) {
    line('replies: ../shared/reply-corpus not found; nothing to measure');
  } else {
    const show = (rows: { label: string; right: number; total: number }[]) =>
      rows.map((a) => `${a.label} ${a.right}/${a.total}`).join(', ');
    line(`replies accuracy with source (${r.messages} real messages): ${show(r.full)}`);
    line(`replies accuracy from text only (page path): ${show(r.textOnly)}`);
    line(
      `replies: ${fmt(r.perSecond, 0)} classifications/s with source, ${fmt(r.textOnlyPerSecond, 0)}/s text only, on one core`,
    );
  }
}

if (want('sync')) {
  const env = await benchEnv();
  const r = await syncIngestBench(
    env,
    Number(process.env.BENCH_SYNC_MAILBOXES ?? 1000),
    Number(process.env.BENCH_SYNC_MESSAGES ?? 20_000),
    Number(process.env.BENCH_SYNC_WORKERS ?? 4),
  );
  line(
    `sync: ${fmt(r.ingestedPerSecond, 0)} messages/s ingested (${fmt(r.ingestedPerSecond / r.parseClassifyPerSecond, 2)}x of parse+classify alone, ` +
      `${fmt(r.parseClassifyPerSecond, 0)}/s on one core): ${r.messages} new messages in ${r.mailboxes} Gmail mailboxes ` +
      `(stand-in over HTTP), fetched raw, parsed, classified, matched and applied by ${r.workers} sync workers on ${env.kind}; ` +
      `${r.finished} replies finished their enrollments`,
  );
  await env.db.dispose();
  // A database of its own: the IDLE measurement does not share the ingest run's rows.
  const idleEnv = await benchEnv();
  const idle = await syncIdleBench(idleEnv, Number(process.env.BENCH_SYNC_IDLE_ROUNDS ?? 10));
  if (!idle) {
    line('sync idle: Dovecot is not installed (apt-get install -y dovecot-imapd); nothing to measure');
  } else {
    line(
      `sync idle: ${fmt(idle.medianMs, 0)} ms from IMAP append to enrollment change (goal < 5000 ms: ${fmt(5000 / idle.medianMs, 2)}x), ` +
        `median of ${idle.rounds} replies on Dovecot with IDLE, slowest ${fmt(idle.maxMs, 0)} ms, on ${idleEnv.kind}`,
    );
  }
  await idleEnv.db.dispose();
}

import { benchEnv, fmt } from './bench-db';
import { guardBench } from './guard-bench';
import { schedulerBench } from './scheduler-bench';

// Every speed target lives here, measured in one run and printed as numbers and ratios; tests never
// time anything (the machines are shared and noisy).
const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);

if (want('guards')) {
  const perSecond = guardBench();
  console.info(`guards: ${fmt(perSecond, 0)} evaluations/s on one core (goal >= 100000: ${fmt(perSecond / 100_000, 2)}x)`);
}

if (want('scheduler')) {
  const env = await benchEnv();
  const sends = Number(process.env.BENCH_SENDS ?? 20_000);
  const r = await schedulerBench(env, sends);
  console.info(
    `scheduler: ${fmt(r.sendsPerSecond, 0)} sends/s for ${r.sends} due sends on ${env.kind} ` +
      `(claim-then-record floor ${fmt(r.baselinePerSecond, 0)}/s, ratio ${fmt(r.sendsPerSecond / r.baselinePerSecond, 2)}x)`,
  );
  await env.db.dispose();
}

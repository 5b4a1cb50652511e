import { evaluateSendGuards } from '../shared/send-guard/engine';
import type { SendSnapshot } from '../shared/send-guard/snapshot';
import { cleanSnapshot } from '../test/unit/shared/send-guard/fixtures';

/**
 * A realistic send: the guard tests' clean snapshot (full ruleset, templated body, nested snippets)
 * with a longer body, a blocklist to scan and per-index variety so caches cannot flatter the number.
 */
export function realisticSnapshot(i: number): SendSnapshot {
  const s = cleanSnapshot();
  return {
    ...s,
    contact: {
      ...s.contact,
      id: `c${i}`,
      email: `person${i}@example${i % 50}.com`,
      country: i % 3 === 0 ? 'DE' : 'US',
      sentCountToAddress: 1,
    },
    sequence: s.sequence ? { ...s.sequence, ruleset: { ...s.sequence.ruleset, gdprBlockEu: false } } : null,
    step: s.step ? { ...s.step, body: `${s.step.body}\n${'We help teams like yours. '.repeat(30)}` } : null,
    blocklist: {
      emails: Array.from({ length: 20 }, (_, k) => `blocked${k}@x.test`),
      domains: ['competitor.test', 'rival.test'],
    },
  };
}

/** Evaluations per second of the pure engine on this core, over a pool of distinct snapshots. */
export function guardBench(durationMs = 2000): number {
  const pool = Array.from({ length: 1000 }, (_, i) => realisticSnapshot(i));
  const now = new Date('2026-11-23T14:00:00Z');
  for (let i = 0; i < 5000; i++) evaluateSendGuards(pool[i % pool.length] as SendSnapshot, { now });
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < durationMs) {
    for (let k = 0; k < 1000; k++) evaluateSendGuards(pool[(n + k) % pool.length] as SendSnapshot, { now });
    n += 1000;
  }
  return n / ((performance.now() - start) / 1000);
}

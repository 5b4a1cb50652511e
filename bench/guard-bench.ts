import { evaluateSendGuards } from '../shared/send-guard/engine';
import type { SendSnapshot } from '../shared/send-guard/snapshot';

/** A realistic send: full ruleset, a templated body with nested snippets, a blocklist to scan. */
export function realisticSnapshot(i: number): SendSnapshot {
  return {
    contact: {
      id: `c${i}`,
      email: `person${i}@example${i % 50}.com`,
      emailStatus: 'verified',
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Analytical Engines',
      title: 'CTO',
      fields: { industry: 'fintech', city: 'London' },
      stage: 'Cold',
      ownerId: 'u1',
      accountId: 'a1',
      country: i % 3 === 0 ? 'DE' : 'US',
      timezone: 'America/New_York',
      personalizedOpener: 'Loved your talk on looms.',
      jobChangeDetected: false,
      unsubscribed: false,
      bouncedBefore: false,
      sentCountToAddress: 1,
    },
    account: { id: 'a1', stage: 'Prospect', domain: `example${i % 50}.com`, ownerId: 'u1' },
    actingUserId: 'u1',
    sender: { id: 'u1', name: 'Grace Hopper', email: 'grace@stride.test' },
    mailbox: { id: 'm1', status: 'active', signature: 'Grace' },
    sequence: {
      id: 'q1',
      active: true,
      ruleset: {
        blockedContactStages: ['Customer', 'Do Not Contact', 'Churned'],
        blockedAccountStages: ['Competitor'],
        sameAccountReply: 'not_sent',
        gdprBlockEu: true,
        bounceProtection: true,
        unverifiedProtection: true,
        ownershipRequired: true,
      },
    },
    step: {
      id: 's1',
      type: 'auto_email',
      active: true,
      threadMode: 'new_thread',
      subject: 'Quick question for {{company}}',
      body: `Hi {{firstName}},\n{{personalizedOpener}}\n${'We help teams like yours. '.repeat(30)}\n{{snippet.cta}}\n{{sender.name}}`,
    },
    snippets: { cta: 'Does {{fields.industry}} in {{fields.city}} keep {{firstName | "you"}} busy?' },
    blocklist: {
      emails: Array.from({ length: 20 }, (_, k) => `blocked${k}@x.test`),
      domains: ['competitor.test', 'rival.test'],
    },
    sameAccountReplied: false,
    thread: null,
    alreadySentStep: false,
    activeEnrollments: [],
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

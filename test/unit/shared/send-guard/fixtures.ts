import type { SendSnapshot } from '../../../../shared/send-guard/snapshot';

export const NOW = new Date('2025-03-04T10:00:00Z');

/**
 * A send that every rule lets through, with every ruleset switch turned on, so a test that changes
 * one thing sees exactly the reason that thing causes.
 */
export function cleanSnapshot(): SendSnapshot {
  return {
    contact: {
      id: 'c1',
      email: 'ada@example.com',
      emailStatus: 'verified',
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Analytical Engines',
      title: 'CTO',
      fields: { industry: 'fintech' },
      stage: 'Cold',
      ownerId: 'u1',
      accountId: 'a1',
      country: 'US',
      timezone: 'America/New_York',
      personalizedOpener: 'Loved your talk on looms.',
      jobChangeDetected: false,
      unsubscribed: false,
      bouncedBefore: false,
      sentCountToAddress: 0,
    },
    account: { id: 'a1', stage: 'Prospect', domain: 'example.com', ownerId: 'u1' },
    actingUserId: 'u1',
    sender: { id: 'u1', name: 'Grace Hopper', email: 'grace@stride.test' },
    mailbox: { id: 'm1', status: 'active', signature: 'Grace' },
    sequence: {
      id: 'q1',
      active: true,
      ruleset: {
        blockedContactStages: ['Customer', 'Do Not Contact'],
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
      body: 'Hi {{firstName}},\n{{personalizedOpener}}\n{{snippet.cta}}\n{{sender.firstName}}',
    },
    snippets: { cta: 'Does {{fields.industry}} keep {{firstName | "you"}} busy?' },
    blocklist: { emails: ['someone@else.test'], domains: ['competitor.test'] },
    sameAccountReplied: false,
    thread: null,
    alreadySentStep: false,
    activeEnrollments: [{ sequenceId: 'q1' }],
  };
}

export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Maps keyed by user data: a patch states the whole map, so `fields: {}` means "no fields". */
const replacedWhole = new Set(['fields', 'snippets']);

function merge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = replacedWhole.has(key) ? value : merge(base[key], value);
  }
  return out;
}

/** The clean snapshot with `patch` merged in: objects merge; arrays, maps and null replace. */
export function snapshotWith(patch: DeepPartial<SendSnapshot>): SendSnapshot {
  return merge(cleanSnapshot(), patch) as SendSnapshot;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { notSentOrder } from '../../../../shared/send-guard/catalog';
import { enrollmentWarnings, evaluateSendGuards } from '../../../../shared/send-guard/engine';
import type { SendSnapshot } from '../../../../shared/send-guard/snapshot';
import { cleanSnapshot, NOW } from './fixtures';

const stages = ['Cold', 'Customer', 'customer', 'Do Not Contact', 'Competitor', 'Bad Data'];
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const snapshotArb: fc.Arbitrary<SendSnapshot> = fc
  .record({
    email: maybe(fc.constantFrom('ada@example.com', 'ada@eu.example.com', 'bad@', 'x@competitor.test')),
    emailStatus: maybe(fc.constantFrom('verified' as const, 'unverified' as const, 'invalid' as const)),
    stage: maybe(fc.constantFrom(...stages)),
    accountStage: maybe(fc.constantFrom(...stages)),
    ownerId: maybe(fc.constantFrom('u1', 'u2')),
    country: maybe(fc.constantFrom('US', 'DE', 'GB', 'no')),
    flags: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    sentCount: fc.nat({ max: 2 }),
    blockedContactStages: fc.array(fc.constantFrom(...stages), { maxLength: 5 }),
    blockedAccountStages: fc.array(fc.constantFrom(...stages), { maxLength: 5 }),
    ruleFlags: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    blockedEmails: fc.array(fc.constantFrom('ada@example.com', 'ADA@EXAMPLE.COM', 'z@z.test'), {
      maxLength: 4,
    }),
    blockedDomains: fc.array(fc.constantFrom('example.com', 'eu.example.com', 'competitor.test', 'x.test'), {
      maxLength: 4,
    }),
    enrollments: fc.array(fc.constantFrom('q1', 'q2', 'q3'), { maxLength: 4 }),
    body: fc.constantFrom(
      'Hi {{firstName}}',
      '{{snippet.cta}} {{fields.x}}',
      '{{personalizedOpener}}',
      'plain',
    ),
    mailbox: fc.constantFrom('active' as const, 'inactive' as const, null),
    threadMode: fc.constantFrom('new_thread' as const, 'reply_previous' as const),
  })
  .map((r): SendSnapshot => {
    const s = cleanSnapshot();
    const [unsubscribed, jobChange, bounced, sameReplied, alreadySent, hasThread] = r.flags;
    const [gdpr, bounce, unverified, ownership, sameAccount] = r.ruleFlags;
    Object.assign(s.contact, {
      email: r.email,
      emailStatus: r.emailStatus,
      stage: r.stage,
      ownerId: r.ownerId,
      country: r.country,
      unsubscribed,
      jobChangeDetected: jobChange,
      bouncedBefore: bounced,
      sentCountToAddress: r.sentCount,
    });
    s.account = { id: 'a1', stage: r.accountStage, domain: 'example.com', ownerId: null };
    s.sequence = {
      id: 'q1',
      active: true,
      ruleset: {
        blockedContactStages: r.blockedContactStages,
        blockedAccountStages: r.blockedAccountStages,
        gdprBlockEu: gdpr,
        bounceProtection: bounce,
        unverifiedProtection: unverified,
        ownershipRequired: ownership,
        sameAccountReply: sameAccount ? 'not_sent' : 'ignore',
      },
    };
    s.blocklist = { emails: r.blockedEmails, domains: r.blockedDomains };
    s.activeEnrollments = r.enrollments.map((sequenceId) => ({ sequenceId }));
    s.sameAccountReplied = sameReplied;
    s.alreadySentStep = alreadySent;
    s.thread = hasThread ? { previousMessageId: '<m@x>', threadId: 't' } : null;
    s.mailbox = r.mailbox === null ? null : { id: 'm1', status: r.mailbox };
    s.step = {
      id: 's1',
      type: 'auto_email',
      active: true,
      threadMode: r.threadMode,
      subject: null,
      body: r.body,
    };
    return s;
  });

/** Fisher–Yates driven by a seed, so a failing case replays exactly. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const j = (state >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function reorderArrays(s: SendSnapshot, seed: number): SendSnapshot {
  const copy = structuredClone(s);
  const ruleset = copy.sequence?.ruleset;
  if (ruleset) {
    ruleset.blockedContactStages = shuffled(ruleset.blockedContactStages ?? [], seed);
    ruleset.blockedAccountStages = shuffled(ruleset.blockedAccountStages ?? [], seed + 1);
  }
  if (copy.blocklist) {
    copy.blocklist.emails = shuffled(copy.blocklist.emails, seed + 2);
    copy.blocklist.domains = shuffled(copy.blocklist.domains, seed + 3);
  }
  copy.activeEnrollments = shuffled(copy.activeEnrollments ?? [], seed + 4);
  return copy;
}

describe('engine properties', () => {
  it('is deterministic and ignores the order of every array input', () => {
    fc.assert(
      fc.property(snapshotArb, fc.integer(), fc.boolean(), (s, seed, force) => {
        const first = evaluateSendGuards(s, { now: NOW, force });
        expect(evaluateSendGuards(s, { now: NOW, force })).toEqual(first);
        expect(evaluateSendGuards(reorderArrays(s, seed), { now: NOW, force })).toEqual(first);
        expect(enrollmentWarnings(reorderArrays(s, seed))).toEqual(enrollmentWarnings(s));
      }),
      { numRuns: 500 },
    );
  });

  it('reports each code at most once, in catalog order, and ok exactly when nothing applies', () => {
    fc.assert(
      fc.property(snapshotArb, (s) => {
        const { ok, reasons } = evaluateSendGuards(s, { now: NOW });
        const ranks = reasons.map((r) => notSentOrder.indexOf(r.code));
        expect(ranks.every((rank, i) => rank >= 0 && (i === 0 || rank > (ranks[i - 1] ?? -1)))).toBe(true);
        expect(ok).toBe(reasons.length === 0);
      }),
      { numRuns: 300 },
    );
  });

  it('force only ever removes reasons', () => {
    fc.assert(
      fc.property(snapshotArb, (s) => {
        const all = evaluateSendGuards(s, { now: NOW }).reasons.map((r) => r.code);
        const forced = evaluateSendGuards(s, { now: NOW, force: true }).reasons.map((r) => r.code);
        expect(forced.every((c) => all.includes(c))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

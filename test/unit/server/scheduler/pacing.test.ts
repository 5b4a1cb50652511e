import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignMailboxes,
  type CapacityDecision,
  type MailboxLoad,
  type MailboxPacing,
  queueTails,
  windowLoad,
} from '../../../../server/scheduler/mailbox-capacity';

const at = (iso: string) => new Date(iso);

const T0 = at('2026-03-02T09:00:00Z');
const empty = { count: 0, anchor: null };

function paced(id: string, pacing: Partial<MailboxPacing>, o: Partial<MailboxLoad> = {}): MailboxLoad {
  return {
    id,
    active: true,
    hourlyLimit: 100,
    dailyLimit: 500,
    hour: empty,
    day: empty,
    pacing: {
      fullDailyLimit: 500,
      minGapSeconds: 0,
      nextSendAt: null,
      recipientDomainDailyLimit: null,
      domains: new Map(),
      ...pacing,
    },
    ...o,
  };
}

describe('assignMailboxes with pacing', () => {
  it('takes one email per gap and spreads the rest one mean gap apart, best score first', () => {
    const reqs = Array.from({ length: 4 }, (_, i) => ({ key: `e${i}`, mailboxIds: ['a'] }));
    const out = assignMailboxes(T0, [paced('a', { minGapSeconds: 60 })], reqs, () => 0.5);
    expect(out[0]).toEqual({
      key: 'e0',
      kind: 'assigned',
      mailboxId: 'a',
      nextSendAt: new Date(T0.getTime() + 75_000),
    });
    expect(out.slice(1).map((d) => (d.kind === 'wait' ? d.retryAt.getTime() - T0.getTime() : -1))).toEqual([
      75_000, 150_000, 225_000,
    ]);
    expect(out[1]).toMatchObject({
      reason: 'min_gap',
      detail: 'minimum gap: 60 s between sends, plus jitter',
    });
  });

  it("honours another worker's gap: nothing before the mailbox's nextSendAt", () => {
    const box = paced('a', { minGapSeconds: 60, nextSendAt: new Date(T0.getTime() + 30_000) });
    expect(assignMailboxes(T0, [box], [{ key: 'x', mailboxIds: ['a'] }])[0]).toMatchObject({
      kind: 'wait',
      retryAt: new Date(T0.getTime() + 30_000),
      reason: 'min_gap',
    });
    const later = new Date(T0.getTime() + 30_000);
    expect(assignMailboxes(later, [box], [{ key: 'x', mailboxIds: ['a'] }])[0]?.kind).toBe('assigned');
  });

  it('rotation sends from the mailbox whose gap has passed', () => {
    const held = paced('a', { minGapSeconds: 60, nextSendAt: new Date(T0.getTime() + 30_000) });
    const free = paced('b', { minGapSeconds: 60 });
    const out = assignMailboxes(T0, [held, free], [{ key: 'x', mailboxIds: ['a', 'b'] }], () => 0);
    expect(out[0]).toMatchObject({ kind: 'assigned', mailboxId: 'b' });
  });

  it('with rotation, a backlog waits on every mailbox in turn, not all behind the first to free', () => {
    const boxes = ['a', 'b', 'c', 'd'].map((id, i) =>
      paced(id, { minGapSeconds: 60, nextSendAt: new Date(T0.getTime() + (i + 1) * 1_000) }),
    );
    const ids = boxes.map((b) => b.id);
    const reqs = Array.from({ length: 8 }, (_, i) => ({ key: `e${i}`, mailboxIds: ids }));
    const out = assignMailboxes(T0, boxes, reqs, () => 0.5);
    const waits = out.map((d) => (d.kind === 'wait' ? d.retryAt.getTime() - T0.getTime() : -1));
    // Each mailbox's gap ends 1..4 s from now; the second email for one comes a mean gap (75 s) later.
    expect(waits).toEqual([1_000, 2_000, 3_000, 4_000, 76_000, 77_000, 78_000, 79_000]);
  });

  it('a later batch queues behind the retries an earlier one handed out, so score order holds', () => {
    // An earlier batch (another worker, or the previous tick) queued emails up to T0 + 150 s.
    const box = paced('a', {
      minGapSeconds: 60,
      nextSendAt: new Date(T0.getTime() + 40_000),
      queuedUntil: new Date(T0.getTime() + 150_000),
    });
    const reqs = [
      { key: 'new1', mailboxIds: ['a'] },
      { key: 'new2', mailboxIds: ['a'] },
    ];
    const out = assignMailboxes(T0, [box], reqs, () => 0.5);
    expect(out.map((d) => (d.kind === 'wait' ? d.retryAt.getTime() - T0.getTime() : -1))).toEqual([
      225_000, 300_000,
    ]);
    expect(out[1]).toMatchObject({ kind: 'wait', queuedOn: 'a' });
    expect(queueTails(out)).toEqual(new Map([['a', new Date(T0.getTime() + 300_000)]]));
  });

  it('a returning email keeps its place at the head of the queue, not behind the tail', () => {
    const box = paced('a', {
      minGapSeconds: 60,
      nextSendAt: new Date(T0.getTime() + 10_000),
      queuedUntil: new Date(T0.getTime() + 600_000),
    });
    const reqs = [
      { key: 'back1', mailboxIds: ['a'], returning: true },
      { key: 'back2', mailboxIds: ['a'], returning: true },
      { key: 'new', mailboxIds: ['a'] },
    ];
    const out = assignMailboxes(T0, [box], reqs, () => 0.5);
    expect(out.map((d) => (d.kind === 'wait' ? d.retryAt.getTime() - T0.getTime() : -1))).toEqual([
      10_000, 85_000, 675_000,
    ]);
  });

  it('a recipient-domain hold does not move the mailbox queue (it holds one domain only)', () => {
    const full = windowLoad([T0.getTime() - 3_600_000], 1);
    const box = paced('a', {
      minGapSeconds: 60,
      recipientDomainDailyLimit: 1,
      domains: new Map([['big.example', full]]),
    });
    const out = assignMailboxes(T0, [box], [{ key: 'b', mailboxIds: ['a'], domain: 'big.example' }]);
    expect(out[0]).toMatchObject({ kind: 'wait', reason: 'recipient_domain_limit' });
    expect(queueTails(out).size).toBe(0);
  });

  it('caps one recipient domain a day, counting earlier claims and this batch', () => {
    const earlier = windowLoad([T0.getTime() - 3 * 3_600_000], 2);
    const box = paced('a', { recipientDomainDailyLimit: 2, domains: new Map([['big.example', earlier]]) });
    const reqs = [
      { key: 'b1', mailboxIds: ['a'], domain: 'big.example' },
      { key: 'b2', mailboxIds: ['a'], domain: 'big.example' },
      { key: 's1', mailboxIds: ['a'], domain: 'small.example' },
    ];
    const out = assignMailboxes(T0, [box], reqs);
    expect(out[0]?.kind).toBe('assigned');
    // The earlier claim (3 hours ago) ages out of the 24 hours first.
    expect(out[1]).toEqual({
      key: 'b2',
      kind: 'wait',
      retryAt: new Date(T0.getTime() + 21 * 3_600_000),
      reason: 'recipient_domain_limit',
      detail: 'recipient domain limit: 2 a day to big.example',
    });
    expect(out[2]?.kind).toBe('assigned');
  });

  it('says ramp-up when the ramped daily cap holds the email', () => {
    const box = paced(
      'a',
      { fullDailyLimit: 50 },
      { dailyLimit: 10, day: windowLoad([T0.getTime() - 60_000], 10) },
    );
    const out = assignMailboxes(
      T0,
      [{ ...box, day: { count: 10, anchor: new Date(T0.getTime() - 3_600_000) } }],
      [{ key: 'x', mailboxIds: ['a'] }],
    );
    expect(out[0]).toMatchObject({
      kind: 'wait',
      reason: 'ramp_up',
      detail: 'ramp-up: 10 a day today, growing to 50',
      retryAt: new Date(T0.getTime() + 23 * 3_600_000),
    });
  });

  it('two workers taking turns under the lock never claim within the gap, whatever the jitter', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 20, maxLength: 20 }),
        (rs) => {
          let nextSendAt: Date | null = null;
          const claims: number[] = [];
          let t = T0.getTime();
          let i = 0;
          // Each turn is one worker's claim transaction: it reads the row the other one wrote.
          while (claims.length < 10 && i < 200) {
            const d: CapacityDecision | undefined = assignMailboxes(
              new Date(t),
              [paced('a', { minGapSeconds: 60, nextSendAt })],
              [{ key: `w${i % 2}`, mailboxIds: ['a'] }],
              () => rs[claims.length] ?? 0,
            )[0];
            if (d?.kind === 'assigned') {
              claims.push(t);
              nextSendAt = d.nextSendAt ?? null;
            } else if (d?.kind === 'wait') t = Math.max(t + 1000, d.retryAt.getTime());
            i++;
          }
          for (let k = 1; k < claims.length; k++) {
            expect((claims[k] ?? 0) - (claims[k - 1] ?? 0)).toBeGreaterThanOrEqual(60_000);
          }
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignMailboxes,
  type CapacityDecision,
  type CapacityRequest,
  loadFromClaims,
  type MailboxUsage,
} from '../../../../server/scheduler/mailbox-capacity';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date('2026-11-23T10:00:00Z');

/**
 * The arithmetic as it was when every claim of the day was read: the summary (a count and one anchor
 * per window, which is what the database now returns) must decide exactly as this did.
 */
type Decision = Exclude<CapacityDecision, { kind: 'wait' }> | { key: string; kind: 'wait'; retryAt: Date };

/** The decision without the wait's reason and wording, which the old arithmetic did not give. */
const withoutReason = (d: CapacityDecision): Decision =>
  d.kind === 'wait' ? { key: d.key, kind: 'wait', retryAt: d.retryAt } : d;

function fromEveryClaim(at: Date, usage: MailboxUsage[], requests: CapacityRequest[]): Decision[] {
  const t = at.getTime();
  const state = new Map(
    usage.map((u) => {
      const recent = u.claims.map((d) => d.getTime()).filter((x) => x > t - DAY);
      return [u.id, { u, day: recent.sort((a, b) => a - b), hour: recent.filter((x) => x > t - HOUR) }];
    }),
  );
  return requests.map((req) => {
    const candidates = req.mailboxIds.map((id) => state.get(id)).filter((s) => s?.u.active);
    if (candidates.length === 0)
      return { key: req.key, kind: 'no_mailbox', mailboxId: req.mailboxIds[0] ?? null };
    let best: (typeof candidates)[number];
    let bestRoom = 0;
    let earliestFree = Number.POSITIVE_INFINITY;
    for (const s of candidates) {
      if (!s) continue;
      const roomHour = s.u.hourlyLimit - s.hour.length;
      const roomDay = s.u.dailyLimit - s.day.length;
      if (roomHour > 0 && roomDay > 0) {
        if (roomDay > bestRoom) {
          best = s;
          bestRoom = roomDay;
        }
        continue;
      }
      const hourFree = roomHour > 0 ? t : (s.hour[s.hour.length - s.u.hourlyLimit] ?? t) + HOUR;
      const dayFree = roomDay > 0 ? t : (s.day[s.day.length - s.u.dailyLimit] ?? t) + DAY;
      earliestFree = Math.min(earliestFree, Math.max(hourFree, dayFree));
    }
    if (best) {
      best.hour.push(t);
      best.day.push(t);
      return { key: req.key, kind: 'assigned', mailboxId: best.u.id };
    }
    return { key: req.key, kind: 'wait', retryAt: new Date(Math.max(earliestFree, t + 1000)) };
  });
}

const ids = ['a', 'b', 'c'];
// Claims from 26 hours ago to a little in the future (another worker's clock), on a coarse grid so
// ties and window edges come up often.
const claimArb = fc
  .integer({ min: -26 * 12, max: 2 })
  .map((fiveMinutes) => new Date(now.getTime() + fiveMinutes * 300_000));
const usageArb = fc.tuple(
  ...ids.map((id) =>
    fc.record({
      id: fc.constant(id),
      active: fc.boolean(),
      hourlyLimit: fc.integer({ min: 0, max: 6 }),
      dailyLimit: fc.integer({ min: 0, max: 12 }),
      claims: fc.array(claimArb, { maxLength: 16 }),
    }),
  ),
);
const requestsArb = fc
  .array(fc.subarray(ids, { minLength: 0 }), { maxLength: 20 })
  .map((lists) => lists.map((mailboxIds, i) => ({ key: `e${i}`, mailboxIds })));

describe('mailbox load summary', () => {
  it('decides every request exactly as reading every claim of the day did', () => {
    fc.assert(
      fc.property(usageArb, requestsArb, (usage, requests) => {
        const summed = usage.map((u) => loadFromClaims(u, now));
        expect(assignMailboxes(now, summed, requests).map(withoutReason)).toEqual(
          fromEveryClaim(now, usage, requests),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps only a count and the claim that frees the next slot, per window', () => {
    const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
    const claims = [ago(10), ago(50), ago(30), ago(20), ago(3 * 60), ago(25 * 60)];
    const load = loadFromClaims({ id: 'a', active: true, hourlyLimit: 3, dailyLimit: 10, claims }, now);
    // Four in the hour, over a cap of three: the third most recent (30 minutes ago) frees a slot first.
    expect(load.hour).toEqual({ count: 4, anchor: ago(30) });
    // Five in the day, under a cap of ten: the oldest of the day, 3 hours ago.
    expect(load.day).toEqual({ count: 5, anchor: ago(3 * 60) });
    expect(
      loadFromClaims({ id: 'b', active: true, hourlyLimit: 1, dailyLimit: 1, claims: [] }, now).day,
    ).toEqual({ count: 0, anchor: null });
  });
});

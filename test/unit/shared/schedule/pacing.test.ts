import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDateIn } from '../../../../shared/schedule/local-date';
import { effectiveDailyLimit, gapAfterClaimMs, recipientDomain } from '../../../../shared/schedule/pacing';

const at = (iso: string) => new Date(iso);

describe('ramp-up', () => {
  const ramp = { startPerDay: 10, increasePerDay: 5, startedOn: '2026-03-02' };

  it('starts at startPerDay on the day it was switched on and grows by increasePerDay a day', () => {
    expect(effectiveDailyLimit(50, ramp, 'UTC', at('2026-03-02T12:00Z'))).toEqual({
      limit: 10,
      rampingUp: true,
      reachesLimitOn: '2026-03-10',
    });
    expect(effectiveDailyLimit(50, ramp, 'UTC', at('2026-03-03T00:00Z')).limit).toBe(15);
    expect(effectiveDailyLimit(50, ramp, 'UTC', at('2026-03-09T23:59Z')).limit).toBe(45);
    expect(effectiveDailyLimit(50, ramp, 'UTC', at('2026-03-10T00:00Z'))).toMatchObject({
      limit: 50,
      rampingUp: false,
    });
    expect(effectiveDailyLimit(50, ramp, 'UTC', at('2027-01-01T00:00Z')).limit).toBe(50);
  });

  it("turns the day at midnight in the owner's zone, not UTC's", () => {
    // 23:30 UTC on 2 March is already 3 March in Tokyo, still 2 March in New York (18:30).
    const t = at('2026-03-02T23:30Z');
    expect(effectiveDailyLimit(50, ramp, 'Asia/Tokyo', t).limit).toBe(15);
    expect(effectiveDailyLimit(50, ramp, 'America/New_York', t).limit).toBe(10);
    // New York's day turns at 05:00 UTC in winter and 04:00 UTC after DST begins (8 March 2026).
    expect(effectiveDailyLimit(50, ramp, 'America/New_York', at('2026-03-03T04:59Z')).limit).toBe(10);
    expect(effectiveDailyLimit(50, ramp, 'America/New_York', at('2026-03-03T05:00Z')).limit).toBe(15);
    expect(effectiveDailyLimit(50, ramp, 'America/New_York', at('2026-03-09T03:59Z')).limit).toBe(40);
    expect(effectiveDailyLimit(50, ramp, 'America/New_York', at('2026-03-09T04:00Z')).limit).toBe(45);
  });

  it('is the plain daily limit when off, and never grows when increasePerDay is 0', () => {
    expect(effectiveDailyLimit(50, null, 'UTC', at('2026-03-02T12:00Z'))).toEqual({
      limit: 50,
      rampingUp: false,
      reachesLimitOn: null,
    });
    const flat = { ...ramp, increasePerDay: 0 };
    expect(effectiveDailyLimit(50, flat, 'UTC', at('2026-06-01T12:00Z'))).toEqual({
      limit: 10,
      rampingUp: true,
      reachesLimitOn: null,
    });
    expect(localDateIn('Not/AZone', at('2026-03-02T23:30Z'))).toBe('2026-03-02');
  });
});

describe('minimum gap with jitter', () => {
  it('is never below the gap and never above one and a half gaps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3600 }), fc.double({ min: 0, max: 1, noNaN: true }), (gap, r) => {
        const ms = gapAfterClaimMs(gap, () => r);
        expect(ms).toBeGreaterThanOrEqual(gap * 1000);
        expect(ms).toBeLessThanOrEqual(gap * 1500);
      }),
    );
    expect(gapAfterClaimMs(60, () => 0)).toBe(60_000);
    expect(gapAfterClaimMs(60, () => 0.999999)).toBe(89_999);
    expect(gapAfterClaimMs(0, () => 0.5)).toBe(0);
  });
});

describe('recipientDomain', () => {
  it('lower-cases the part after the last @', () => {
    expect(recipientDomain('Ada@Big.Example')).toBe('big.example');
    expect(recipientDomain('"a@b"@c.example')).toBe('c.example');
    expect(recipientDomain('nobody')).toBeNull();
    expect(recipientDomain(null)).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInsideWindow, nextSendTime, windowEndAfter } from '../../../../shared/schedule/next-send-time';
import type { Schedule, ScheduleWindow } from '../../../../shared/schemas/schedule';
import { oracleInside } from './schedule-fixtures';

/*
 * Why a 15-minute scan is exhaustive: windows are generated on a 15-minute grid, and every zone
 * below has offsets and transitions on a 15-minute grid in the years drawn (no LMT). So whether an
 * instant is inside can only change at a UTC quarter hour; checking each quarter hour between two
 * instants, plus the instant just before the result, covers every instant in between.
 */
const QUARTER_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

/** Zones with the transitions the search must get right, each with instants near them. */
const ZONES: [zone: string, nearTransitions: string[]][] = [
  ['America/New_York', ['2026-03-08T07:00Z', '2026-11-01T06:00Z']],
  ['Europe/Berlin', ['2026-03-29T01:00Z', '2026-10-25T01:00Z']],
  ['America/Sao_Paulo', ['2018-11-04T03:00Z', '2019-02-17T02:00Z']],
  ['Australia/Lord_Howe', ['2026-04-04T15:00Z', '2026-10-03T15:30Z']],
  ['Pacific/Chatham', ['2026-04-04T14:00Z', '2026-09-26T14:00Z']],
  ['Pacific/Apia', ['2011-12-30T10:00Z']],
  ['Asia/Kolkata', ['2026-03-08T07:00Z']],
  ['Asia/Kathmandu', ['2026-03-08T07:00Z']],
];

const clock = (quarters: number) =>
  `${String(Math.floor(quarters / 4)).padStart(2, '0')}:${String((quarters % 4) * 15).padStart(2, '0')}`;

const windowArb: fc.Arbitrary<ScheduleWindow> = fc
  .record({
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    start: fc.integer({ min: 0, max: 95 }),
    length: fc.integer({ min: 1, max: 96 }),
  })
  .map(({ days, start, length }) => ({
    days,
    start: clock(start),
    end: clock(Math.min(96, start + length)),
  }));

const scheduleArb: fc.Arbitrary<Schedule> = fc
  .array(windowArb, { minLength: 1, maxLength: 4 })
  .map((windows) => ({ timezone: 'UTC', useContactTimezone: false, windows }));

const zoneAndInstantArb = fc
  .constantFrom(...ZONES)
  .chain(([zone, anchors]) =>
    fc
      .tuple(fc.constantFrom(...anchors), fc.integer({ min: -3 * DAY_MS, max: 3 * DAY_MS }))
      .map(([anchor, shift]) => ({ zone, fromMs: Date.parse(anchor) + shift })),
  );

const waitArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 180 }),
  fc.integer({ min: 0, max: 4 * 1440 }),
);

/** First quarter-hour boundary strictly after `ms`. */
const nextQuarter = (ms: number) => (Math.floor(ms / QUARTER_MS) + 1) * QUARTER_MS;

describe('nextSendTime properties', () => {
  it('returns the earliest instant at or after from + wait that is inside a window', () => {
    fc.assert(
      fc.property(scheduleArb, zoneAndInstantArb, waitArb, (s, { zone, fromMs }, wait) => {
        const earliest = fromMs + wait * 60_000;
        const result = nextSendTime(s, zone, new Date(fromMs), wait).getTime();

        expect(result).toBeGreaterThanOrEqual(earliest);
        expect(oracleInside(s, zone, result)).toBe(true);
        expect(isInsideWindow(s, zone, new Date(result))).toBe(true);
        if (result > earliest) {
          expect(oracleInside(s, zone, earliest)).toBe(false);
          expect(oracleInside(s, zone, result - 1)).toBe(false);
          for (let q = nextQuarter(earliest); q < result; q += QUARTER_MS) {
            expect(oracleInside(s, zone, q), new Date(q).toISOString()).toBe(false);
          }
        }
        // A second call from the answer must not move it: the search is a fixed point.
        expect(nextSendTime(s, zone, new Date(result), 0).getTime()).toBe(result);
      }),
      { numRuns: 250 },
    );
  });

  it('windowEndAfter marks the end of the open stretch the result lies in', () => {
    fc.assert(
      fc.property(scheduleArb, zoneAndInstantArb, (s, { zone, fromMs }) => {
        const start = nextSendTime(s, zone, new Date(fromMs), 0).getTime();
        const end = windowEndAfter(s, zone, new Date(start))?.getTime();
        expect(end).toBeGreaterThan(start);
        if (end === undefined || end === 8.64e15) return;
        expect(oracleInside(s, zone, end)).toBe(false);
        expect(oracleInside(s, zone, end - 1)).toBe(true);
        for (let q = nextQuarter(start); q < end; q += QUARTER_MS) {
          expect(oracleInside(s, zone, q), new Date(q).toISOString()).toBe(true);
        }
        expect(windowEndAfter(s, zone, new Date(end))).toBeNull();
      }),
      { numRuns: 150 },
    );
  });

  it('isInsideWindow agrees with a Temporal reading of the clock at any instant', () => {
    fc.assert(
      fc.property(scheduleArb, zoneAndInstantArb, (s, { zone, fromMs }) => {
        expect(isInsideWindow(s, zone, new Date(fromMs))).toBe(oracleInside(s, zone, fromMs));
      }),
      { numRuns: 2000 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { isInsideWindow, nextSendTime, windowEndAfter } from '../../../../shared/schedule/next-send-time';
import type { Schedule } from '../../../../shared/schemas/schedule';
import { EVERY_DAY, officeHours, schedule, WEEKDAYS, wall } from './schedule-fixtures';

// Berlin in January is UTC+1 with no transition nearby: 2026-01-05 is a Monday.
const BER = 'Europe/Berlin';
const ber = (local: string) => wall(BER, local);

describe('nextSendTime: Mon–Fri 09:00–17:00', () => {
  it.each([
    ['inside the window: unchanged', '2026-01-05T10:00', '2026-01-05T10:00'],
    ['before opening', '2026-01-05T08:59', '2026-01-05T09:00'],
    ['exactly at start is included', '2026-01-05T09:00', '2026-01-05T09:00'],
    ['last millisecond before end is included', '2026-01-05T16:59:59.999', '2026-01-05T16:59:59.999'],
    ['exactly at end is excluded: next day', '2026-01-05T17:00', '2026-01-06T09:00'],
    ['local midnight', '2026-01-06T00:00', '2026-01-06T09:00'],
    ['Friday after closing skips the weekend', '2026-01-09T17:00', '2026-01-12T09:00'],
    ['Saturday noon', '2026-01-10T12:00', '2026-01-12T09:00'],
    ['Sunday just before midnight', '2026-01-11T23:59', '2026-01-12T09:00'],
  ])('%s', (_label, from, expected) => {
    expect(nextSendTime(officeHours, BER, ber(from), 0)).toEqual(ber(expected));
  });

  it('reads the windows in the given zone, not in UTC or the host zone', () => {
    // 08:30 UTC on a Monday is 09:30 in Berlin and 14:00 in Kolkata (+05:30).
    const from = new Date('2026-01-05T08:30:00Z');
    expect(nextSendTime(officeHours, BER, from, 0).toISOString()).toBe('2026-01-05T08:30:00.000Z');
    expect(nextSendTime(officeHours, 'UTC', from, 0).toISOString()).toBe('2026-01-05T09:00:00.000Z');
    expect(nextSendTime(officeHours, 'Asia/Kolkata', from, 0).toISOString()).toBe('2026-01-05T08:30:00.000Z');
    expect(nextSendTime(officeHours, 'America/New_York', from, 0).toISOString()).toBe(
      '2026-01-05T14:00:00.000Z',
    );
  });

  it('sees a schedule edited in place (no stale memo by object identity)', () => {
    const editable = schedule([{ days: WEEKDAYS, start: '09:00', end: '17:00' }]);
    expect(nextSendTime(editable, BER, ber('2026-01-05T08:00'), 0)).toEqual(ber('2026-01-05T09:00'));
    editable.windows[0]!.start = '08:00';
    expect(nextSendTime(editable, BER, ber('2026-01-05T08:00'), 0)).toEqual(ber('2026-01-05T08:00'));
    editable.windows[0]!.days = [2];
    expect(nextSendTime(editable, BER, ber('2026-01-05T08:00'), 0)).toEqual(ber('2026-01-06T08:00'));
  });

  it('does not mutate or keep the input Date', () => {
    const from = ber('2026-01-05T10:00');
    const result = nextSendTime(officeHours, BER, from, 0);
    expect(result).not.toBe(from);
    expect(from).toEqual(ber('2026-01-05T10:00'));
  });
});

describe('nextSendTime: waitMinutes counts real minutes from `from`', () => {
  it.each([
    ['lands inside the same window', '2026-01-05T09:00', 90, '2026-01-05T10:30'],
    ['lands exactly on closing: next morning', '2026-01-05T16:00', 60, '2026-01-06T09:00'],
    ['lands after closing: next morning', '2026-01-05T16:00', 61, '2026-01-06T09:00'],
    ['three days from Friday lands on Monday', '2026-01-09T10:00', 3 * 1440, '2026-01-12T10:00'],
    ['two days from Thursday lands on Saturday: Monday', '2026-01-08T10:00', 2 * 1440, '2026-01-12T09:00'],
    ['a week later, same time', '2026-01-05T11:15', 7 * 1440, '2026-01-12T11:15'],
    ['fractional minutes keep their seconds', '2026-01-05T10:00', 0.5, '2026-01-05T10:00:30'],
    ['a sub-millisecond wait rounds up, never down', '2026-01-05T10:00', 1e-6, '2026-01-05T10:00:00.001'],
  ])('%s', (_label, from, wait, expected) => {
    expect(nextSendTime(officeHours, BER, ber(from), wait)).toEqual(ber(expected));
  });
});

describe('nextSendTime: window shapes', () => {
  const lateShift = schedule([{ days: [6], start: '20:00', end: '24:00' }]);
  const split = schedule([
    { days: WEEKDAYS, start: '13:00', end: '15:00' },
    { days: WEEKDAYS, start: '08:00', end: '10:00' },
  ]);
  const unevenWeek = schedule([
    { days: [1], start: '09:00', end: '12:00' },
    { days: [3], start: '14:00', end: '16:00' },
  ]);
  const allWeek = schedule([{ days: EVERY_DAY, start: '00:00', end: '24:00' }]);
  const cases: [string, Schedule, string, string][] = [
    [
      '24:00 keeps the last minute of the day',
      lateShift,
      '2026-01-10T23:59:59.999',
      '2026-01-10T23:59:59.999',
    ],
    ['24:00 is the next midnight, excluded', lateShift, '2026-01-11T00:00', '2026-01-17T20:00'],
    ['24:00 window opens at its start', lateShift, '2026-01-10T19:00', '2026-01-10T20:00'],
    ['open all week returns `from`', allWeek, '2026-01-11T03:17', '2026-01-11T03:17'],
    ['unsorted windows: first window of the day', split, '2026-01-05T07:00', '2026-01-05T08:00'],
    ['between two windows: the later one', split, '2026-01-05T10:00', '2026-01-05T13:00'],
    ['just before the second window', split, '2026-01-05T12:59', '2026-01-05T13:00'],
    ['after the last window: next day first window', split, '2026-01-05T15:00', '2026-01-06T08:00'],
    ['different days with different hours', unevenWeek, '2026-01-05T12:00', '2026-01-07T14:00'],
    ['wraps the week to the earliest weekday', unevenWeek, '2026-01-07T16:00', '2026-01-12T09:00'],
  ];
  it.each(cases)('%s', (_label, s, from, expected) => {
    expect(nextSendTime(s, BER, ber(from), 0)).toEqual(ber(expected));
  });
});

describe('overlapping and adjacent windows behave as one', () => {
  const adjacent = schedule([
    { days: WEEKDAYS, start: '12:00', end: '17:00' },
    { days: WEEKDAYS, start: '09:00', end: '12:00' },
  ]);
  const overlapping = schedule([
    { days: WEEKDAYS, start: '09:00', end: '12:00' },
    { days: [1, 3], start: '11:00', end: '14:00' },
    { days: [1], start: '10:00', end: '10:30' },
  ]);
  const acrossMidnight = schedule([
    { days: [1], start: '22:00', end: '24:00' },
    { days: [2], start: '00:00', end: '02:00' },
  ]);

  it('adjacent: the joint is inside and the stretch ends at the later end', () => {
    expect(nextSendTime(adjacent, BER, ber('2026-01-05T12:00'), 0)).toEqual(ber('2026-01-05T12:00'));
    expect(isInsideWindow(adjacent, BER, ber('2026-01-05T12:00'))).toBe(true);
    expect(windowEndAfter(adjacent, BER, ber('2026-01-05T10:00'))).toEqual(ber('2026-01-05T17:00'));
  });

  it('overlapping: union per day, only on the days each window lists', () => {
    expect(windowEndAfter(overlapping, BER, ber('2026-01-05T09:30'))).toEqual(ber('2026-01-05T14:00'));
    expect(windowEndAfter(overlapping, BER, ber('2026-01-06T09:30'))).toEqual(ber('2026-01-06T12:00'));
    expect(nextSendTime(overlapping, BER, ber('2026-01-06T12:00'), 0)).toEqual(ber('2026-01-07T09:00'));
    expect(nextSendTime(overlapping, BER, ber('2026-01-07T13:59'), 0)).toEqual(ber('2026-01-07T13:59'));
  });

  it('24:00 followed by 00:00 the next day is one stretch', () => {
    expect(windowEndAfter(acrossMidnight, BER, ber('2026-01-05T23:00'))).toEqual(ber('2026-01-06T02:00'));
    expect(isInsideWindow(acrossMidnight, BER, ber('2026-01-06T00:00'))).toBe(true);
    expect(nextSendTime(acrossMidnight, BER, ber('2026-01-06T02:00'), 0)).toEqual(ber('2026-01-12T22:00'));
  });
});

describe('isInsideWindow and windowEndAfter', () => {
  it.each([
    ['2026-01-05T08:59:59.999', false],
    ['2026-01-05T09:00', true],
    ['2026-01-05T16:59:59.999', true],
    ['2026-01-05T17:00', false],
    ['2026-01-10T12:00', false],
  ])('isInsideWindow at %s is %s', (at, expected) => {
    expect(isInsideWindow(officeHours, BER, ber(at))).toBe(expected);
  });

  it('windowEndAfter is the close of the containing window, null outside', () => {
    expect(windowEndAfter(officeHours, BER, ber('2026-01-05T09:00'))).toEqual(ber('2026-01-05T17:00'));
    expect(windowEndAfter(officeHours, BER, ber('2026-01-09T16:59'))).toEqual(ber('2026-01-09T17:00'));
    expect(windowEndAfter(officeHours, BER, ber('2026-01-05T17:00'))).toBeNull();
    expect(windowEndAfter(officeHours, BER, ber('2026-01-10T10:00'))).toBeNull();
  });

  it('a schedule open around the clock never closes', () => {
    const allWeek = schedule([
      { days: [1, 2, 3], start: '00:00', end: '24:00' },
      { days: [4, 5, 6, 7], start: '00:00', end: '12:00' },
      { days: [4, 5, 6, 7], start: '12:00', end: '24:00' },
    ]);
    expect(windowEndAfter(allWeek, BER, ber('2026-01-05T10:00'))?.getTime()).toBe(8.64e15);
  });
});

describe('invalid input fails loudly', () => {
  const from = ber('2026-01-05T10:00');
  it.each([
    ['unknown zone', () => nextSendTime(officeHours, 'Mars/Olympus_Mons', from, 0), /unknown time zone/],
    [
      'invalid Date',
      () => nextSendTime(officeHours, BER, new Date(Number.NaN), 0),
      /from is an invalid Date/,
    ],
    ['negative wait', () => nextSendTime(officeHours, BER, from, -1), /waitMinutes/],
    ['NaN wait', () => nextSendTime(officeHours, BER, from, Number.NaN), /waitMinutes/],
    ['wait past the end of time', () => nextSendTime(officeHours, BER, from, 1.5e14), /beyond the range/],
    [
      'window ending before it starts',
      () => nextSendTime(schedule([{ days: [1], start: '17:00', end: '09:00' }]), BER, from, 0),
      /ends before it starts/,
    ],
    [
      'weekday out of range',
      () => nextSendTime(schedule([{ days: [0], start: '09:00', end: '17:00' }]), BER, from, 0),
      /ISO weekdays/,
    ],
    [
      'malformed time',
      () => nextSendTime(schedule([{ days: [1], start: '9:00', end: '17:00' }]), BER, from, 0),
      /HH:MM/,
    ],
    ['no windows', () => nextSendTime(schedule([]), BER, from, 0), /at least one window/],
  ])('%s', (_label, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});

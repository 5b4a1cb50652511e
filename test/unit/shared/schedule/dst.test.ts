import { describe, expect, it } from 'vitest';
import { isInsideWindow, nextSendTime, windowEndAfter } from '../../../../shared/schedule/next-send-time';
import type { Schedule } from '../../../../shared/schemas/schedule';
import { EVERY_DAY, officeHours, schedule, wall } from './schedule-fixtures';

// Expectations are UTC instants written out by hand, so a wrong offset cannot hide in a helper.
const iso = (d: Date | null) => d?.toISOString().replace(':00.000Z', 'Z') ?? null;
const at = (isoUtc: string) => new Date(isoUtc);
const sundays = (start: string, end: string): Schedule => schedule([{ days: [7], start, end }]);

type NextCase = [label: string, s: Schedule, from: string, wait: number, expected: string];
type EndCase = [label: string, s: Schedule, at: string, expected: string | null];

function runNext(zone: string, cases: NextCase[]) {
  it.each(cases)('next: %s', (_label, s, from, wait, expected) => {
    expect(iso(nextSendTime(s, zone, at(from), wait))).toBe(expected);
  });
}
function runEnd(zone: string, cases: EndCase[]) {
  it.each(cases)('end: %s', (_label, s, instant, expected) => {
    expect(iso(windowEndAfter(s, zone, at(instant)))).toBe(expected);
  });
}

describe('America/New_York', () => {
  const NY = 'America/New_York';
  const daily = schedule([{ days: EVERY_DAY, start: '09:00', end: '17:00' }]);
  // Spring forward 2026-03-08 (Sunday): 02:00 EST → 03:00 EDT at 07:00Z.
  // Fall back 2026-11-01 (Sunday): 02:00 EDT → 01:00 EST at 06:00Z; 01:00–02:00 is read twice.
  runNext(NY, [
    [
      'window starting in the gap opens at the first real instant',
      sundays('02:30', '04:00'),
      '2026-03-08T05:00Z',
      0,
      '2026-03-08T07:00Z',
    ],
    [
      'window wholly in the gap is empty that day',
      sundays('02:00', '03:00'),
      '2026-03-07T12:00Z',
      0,
      '2026-03-15T06:00Z',
    ],
    [
      'window cut short by the gap reopens next week',
      sundays('01:00', '02:30'),
      '2026-03-08T07:00Z',
      0,
      '2026-03-15T05:00Z',
    ],
    [
      'wait is real time across the gap (01:30 EST + 60 = 03:30 EDT)',
      sundays('00:00', '24:00'),
      '2026-03-08T06:30Z',
      60,
      '2026-03-08T07:30Z',
    ],
    // Sat 16:00 EST + 24 real hours is Sun 17:00 EDT (closed), not Sun 16:00 (open).
    [
      'a day of waiting across the gap is 24 real hours',
      daily,
      '2026-03-07T21:00Z',
      1440,
      '2026-03-09T13:00Z',
    ],
    [
      'weekday hours after spring forward are in EDT',
      officeHours,
      '2026-03-07T12:00Z',
      0,
      '2026-03-09T13:00Z',
    ],
    [
      'window in the repeated hour opens at its first reading',
      sundays('01:00', '02:00'),
      '2026-11-01T04:00Z',
      0,
      '2026-11-01T05:00Z',
    ],
    [
      'still open during the second reading (01:30 EST)',
      sundays('01:00', '02:00'),
      '2026-11-01T06:30Z',
      0,
      '2026-11-01T06:30Z',
    ],
    [
      'closed at 02:00 EST, next week in EST',
      sundays('01:00', '02:00'),
      '2026-11-01T07:00Z',
      0,
      '2026-11-08T06:00Z',
    ],
    [
      'window inside the repeated hour reopens on the second reading',
      sundays('01:15', '01:45'),
      '2026-11-01T05:50Z',
      0,
      '2026-11-01T06:15Z',
    ],
    [
      'wait is real time across fall back (01:30 EDT + 60 = 01:30 EST)',
      sundays('01:00', '02:00'),
      '2026-11-01T05:30Z',
      60,
      '2026-11-01T06:30Z',
    ],
    ['weekday hours after fall back are in EST', officeHours, '2026-10-31T12:00Z', 0, '2026-11-02T14:00Z'],
  ]);
  runEnd(NY, [
    ['the gap ends a window early', sundays('01:00', '02:30'), '2026-03-08T06:30Z', '2026-03-08T07:00Z'],
    [
      'the repeated hour lasts two real hours',
      sundays('01:00', '02:00'),
      '2026-11-01T05:00Z',
      '2026-11-01T07:00Z',
    ],
    [
      '00:00–03:00 on fall-back day is four real hours',
      sundays('00:00', '03:00'),
      '2026-11-01T04:00Z',
      '2026-11-01T08:00Z',
    ],
    [
      'a window inside the repeated hour closes at its first end',
      sundays('01:15', '01:45'),
      '2026-11-01T05:15Z',
      '2026-11-01T05:45Z',
    ],
    ['between the two readings it is closed', sundays('01:15', '01:45'), '2026-11-01T05:50Z', null],
  ]);

  it('fixtures agree with Temporal about which reading is which', () => {
    expect(iso(wall(NY, '2026-11-01T01:30', 'earlier'))).toBe('2026-11-01T05:30Z');
    expect(iso(wall(NY, '2026-11-01T01:30', 'later'))).toBe('2026-11-01T06:30Z');
    expect(() => wall(NY, '2026-03-08T02:30')).toThrow(RangeError);
  });
});

describe('Europe/Berlin', () => {
  const BER = 'Europe/Berlin';
  // Spring 2026-03-29: 02:00 CET → 03:00 CEST at 01:00Z. Fall 2026-10-25: 03:00 CEST → 02:00 CET at 01:00Z.
  runNext(BER, [
    [
      'window starting in the gap opens at 03:00 CEST',
      sundays('02:15', '03:30'),
      '2026-03-28T21:00Z',
      0,
      '2026-03-29T01:00Z',
    ],
    [
      'window wholly in the gap is empty that day',
      sundays('02:00', '03:00'),
      '2026-03-28T21:00Z',
      0,
      '2026-04-05T00:00Z',
    ],
    ['office hours after spring forward', officeHours, '2026-03-28T12:00Z', 0, '2026-03-30T07:00Z'],
    [
      'window in the repeated hour opens at its first reading',
      sundays('02:00', '03:00'),
      '2026-10-24T22:00Z',
      0,
      '2026-10-25T00:00Z',
    ],
    ['office hours after fall back', officeHours, '2026-10-24T12:00Z', 0, '2026-10-26T08:00Z'],
  ]);
  runEnd(BER, [
    [
      'the repeated hour lasts two real hours',
      sundays('02:00', '03:00'),
      '2026-10-25T00:00Z',
      '2026-10-25T02:00Z',
    ],
    [
      'second reading of 02:30 is inside',
      sundays('02:00', '03:00'),
      '2026-10-25T01:30Z',
      '2026-10-25T02:00Z',
    ],
  ]);
});

describe('America/Sao_Paulo (historic DST at midnight)', () => {
  const SP = 'America/Sao_Paulo';
  // 2018-11-04 (Sunday): 00:00 -03 → 01:00 -02 at 03:00Z, so that Sunday has no midnight.
  // 2019-02-17 (Sunday): 00:00 -02 → Saturday 23:00 -03 at 02:00Z, so Saturday 23:00–24:00 repeats.
  const weekendNight = schedule([
    { days: [6], start: '20:00', end: '24:00' },
    { days: [7], start: '00:00', end: '09:00' },
  ]);
  runNext(SP, [
    [
      'a window from midnight opens at 01:00 when midnight does not exist',
      sundays('00:00', '09:00'),
      '2018-11-04T02:00Z',
      0,
      '2018-11-04T03:00Z',
    ],
    [
      '00:00–01:00 is empty that Sunday',
      sundays('00:00', '01:00'),
      '2018-11-04T02:00Z',
      0,
      '2018-11-11T02:00Z',
    ],
    // At 02:00Z the clock would reach Sunday midnight but is set back to Saturday 23:00 instead.
    [
      'Sunday begins only after the repeated Saturday hour',
      sundays('00:00', '08:00'),
      '2019-02-17T01:59Z',
      0,
      '2019-02-17T03:00Z',
    ],
    [
      'inside the Saturday 24:00 window during the repeat',
      schedule([{ days: [6], start: '22:00', end: '24:00' }]),
      '2019-02-17T02:30Z',
      0,
      '2019-02-17T02:30Z',
    ],
  ]);
  runEnd(SP, [
    [
      'Saturday 24:00 and Sunday 00:00 stay one stretch across the missing midnight',
      weekendNight,
      '2018-11-04T00:00Z',
      '2018-11-04T11:00Z',
    ],
    [
      'Saturday 22:00–24:00 lasts three real hours when 23:00 repeats',
      schedule([{ days: [6], start: '22:00', end: '24:00' }]),
      '2019-02-17T00:00Z',
      '2019-02-17T03:00Z',
    ],
  ]);
});

describe('Australia/Lord_Howe (30-minute shift)', () => {
  const LH = 'Australia/Lord_Howe';
  // 2026-04-05 (Sunday): 02:00 +11 → 01:30 +10:30 at 15:00Z (Saturday UTC); 01:30–02:00 repeats.
  // 2026-10-04 (Sunday): 02:00 +10:30 → 02:30 +11 at 15:30Z; 02:00–02:30 does not exist.
  runNext(LH, [
    [
      'window in the repeated half hour opens at its first reading',
      sundays('01:30', '02:00'),
      '2026-04-04T14:00Z',
      0,
      '2026-04-04T14:30Z',
    ],
    [
      'and is open again during the second reading',
      sundays('01:30', '02:00'),
      '2026-04-04T15:10Z',
      0,
      '2026-04-04T15:10Z',
    ],
    ['office hours after the shift use +10:30', officeHours, '2026-04-04T20:00Z', 0, '2026-04-05T22:30Z'],
    [
      'window wholly in the skipped half hour is empty',
      sundays('02:00', '02:30'),
      '2026-10-03T14:00Z',
      0,
      '2026-10-10T15:00Z',
    ],
    [
      'window starting in the skipped half hour opens at 02:30 +11',
      sundays('02:15', '03:00'),
      '2026-10-03T12:00Z',
      0,
      '2026-10-03T15:30Z',
    ],
    [
      'wait of 30 real minutes across the shift (01:45 + 30 = 02:45)',
      sundays('02:40', '03:00'),
      '2026-10-03T15:15Z',
      30,
      '2026-10-03T15:45Z',
    ],
  ]);
  runEnd(LH, [
    [
      'the repeated half hour lasts one real hour',
      sundays('01:30', '02:00'),
      '2026-04-04T14:30Z',
      '2026-04-04T15:30Z',
    ],
    [
      'the skipped half hour shortens a window by 30 real minutes',
      sundays('01:00', '03:00'),
      '2026-10-03T14:30Z',
      '2026-10-03T16:00Z',
    ],
  ]);
});

describe('Asia/Kolkata (+05:30, no DST)', () => {
  const IN = 'Asia/Kolkata';
  runNext(IN, [
    ['opens at 09:00 IST = 03:30Z', officeHours, '2026-03-09T00:00Z', 0, '2026-03-09T03:30Z'],
    ['Friday 17:00 IST skips to Monday', officeHours, '2026-03-06T11:30Z', 0, '2026-03-09T03:30Z'],
    ['same instants in summer', officeHours, '2026-07-06T11:29Z', 0, '2026-07-06T11:29Z'],
  ]);
  runEnd(IN, [['closes at 17:00 IST', officeHours, '2026-03-09T04:00Z', '2026-03-09T11:30Z']]);
});

describe('Pacific/Apia (a whole day skipped, 2011-12-30)', () => {
  const fridays = schedule([{ days: [5], start: '09:00', end: '17:00' }]);
  it('a window on the missing Friday moves to the next Friday', () => {
    expect(iso(nextSendTime(fridays, 'Pacific/Apia', at('2011-12-29T22:00Z'), 0))).toBe('2012-01-05T19:00Z');
    expect(isInsideWindow(fridays, 'Pacific/Apia', at('2011-12-30T20:00Z'))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { reslotIfLate, resolveScheduleZone } from '../../../../shared/schedule/next-send-time';
import { officeHours, schedule, WEEKDAYS, wall } from './schedule-fixtures';

describe('resolveScheduleZone', () => {
  const contactFirst = schedule([{ days: WEEKDAYS, start: '09:00', end: '17:00' }], 'Europe/Berlin', true);
  const scheduleOnly = { ...contactFirst, useContactTimezone: false };
  it.each([
    ['contact zone when asked for and valid', contactFirst, 'America/New_York', 'America/New_York'],
    ['half-hour zones are zones too', contactFirst, 'Asia/Kolkata', 'Asia/Kolkata'],
    [
      'surrounding spaces from imports are ignored',
      contactFirst,
      '  Australia/Lord_Howe ',
      'Australia/Lord_Howe',
    ],
    ['contact has no zone (null)', contactFirst, null, 'Europe/Berlin'],
    ['contact has no zone (undefined)', contactFirst, undefined, 'Europe/Berlin'],
    ['empty string', contactFirst, '', 'Europe/Berlin'],
    ['unknown zone falls back instead of failing', contactFirst, 'Mars/Olympus_Mons', 'Europe/Berlin'],
    ['a fixed-offset string is not an IANA zone', contactFirst, '+05:30', 'Europe/Berlin'],
    ['schedule zone when the schedule ignores contacts', scheduleOnly, 'America/New_York', 'Europe/Berlin'],
  ])('%s', (_label, s, contactZone, expected) => {
    expect(resolveScheduleZone(s, contactZone)).toBe(expected);
  });

  it('gives the same answer when asked again (memoised validity)', () => {
    expect(resolveScheduleZone(contactFirst, 'Mars/Olympus_Mons')).toBe('Europe/Berlin');
    expect(resolveScheduleZone(contactFirst, 'Mars/Olympus_Mons')).toBe('Europe/Berlin');
    expect(resolveScheduleZone(contactFirst, 'Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(resolveScheduleZone(contactFirst, 'Asia/Tokyo')).toBe('Asia/Tokyo');
  });
});

describe('reslotIfLate (Mon–Fri 09:00–17:00 Berlin, 60 minutes allowed)', () => {
  const BER = 'Europe/Berlin';
  const ber = (local: string) => wall(BER, local);
  // 2026-01-05 is a Monday; Berlin is UTC+1 all month.
  it.each([
    ['a slot still ahead is kept', '2026-01-05T11:00', '2026-01-05T10:00', '2026-01-05T11:00'],
    ['a slot due right now goes now', '2026-01-05T11:00', '2026-01-05T11:00', '2026-01-05T11:00'],
    ['slightly late inside a window goes now', '2026-01-05T10:00', '2026-01-05T10:45', '2026-01-05T10:45'],
    [
      'late by exactly the bound still counts as on time',
      '2026-01-05T10:00',
      '2026-01-05T11:00',
      '2026-01-05T11:00',
    ],
    [
      'late beyond the bound inside a window restarts from now',
      '2026-01-05T10:00',
      '2026-01-05T15:00',
      '2026-01-05T15:00',
    ],
    [
      'slightly late but the window just closed: next window',
      '2026-01-05T16:50',
      '2026-01-05T17:05',
      '2026-01-06T09:00',
    ],
    [
      'stale after a weekend outage: Monday opening, not the outage end',
      '2026-01-09T16:00',
      '2026-01-10T10:00',
      '2026-01-12T09:00',
    ],
    ['stale overnight backlog: the next opening', '2026-01-05T16:00', '2026-01-06T07:30', '2026-01-06T09:00'],
    [
      'a slot ahead that no longer lies in a window moves into one',
      '2026-01-05T18:00',
      '2026-01-05T10:00',
      '2026-01-06T09:00',
    ],
  ])('%s', (_label, slot, now, expected) => {
    expect(reslotIfLate(officeHours, BER, ber(slot), ber(now), 60)).toEqual(ber(expected));
  });

  it('never returns an instant outside a window, even with no lateness allowed', () => {
    const result = reslotIfLate(officeHours, BER, ber('2026-01-05T08:00'), ber('2026-01-05T08:30'), 0);
    expect(result).toEqual(ber('2026-01-05T09:00'));
  });

  it('rejects a negative or non-finite bound and invalid Dates', () => {
    const t = ber('2026-01-05T10:00');
    expect(() => reslotIfLate(officeHours, BER, t, t, -1)).toThrow(/maxLatenessMinutes/);
    expect(() => reslotIfLate(officeHours, BER, t, t, Number.POSITIVE_INFINITY)).toThrow(
      /maxLatenessMinutes/,
    );
    expect(() => reslotIfLate(officeHours, BER, new Date(Number.NaN), t, 60)).toThrow(
      /slot is an invalid Date/,
    );
    expect(() => reslotIfLate(officeHours, BER, t, new Date(Number.NaN), 60)).toThrow(
      /now is an invalid Date/,
    );
  });
});

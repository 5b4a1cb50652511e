import { describe, expect, it } from 'vitest';
import { calendarForSchedule, isKnownHolidayPlace } from '../../../../shared/schedule/day-calendar';
import { isInsideWindow, nextSendTime, windowEndAfter } from '../../../../shared/schedule/next-send-time';
import type { Schedule } from '../../../../shared/schemas/schedule';
import { EVERY_DAY, officeHours, schedule, wall } from './schedule-fixtures';

const iso = (d: Date | null) => d?.toISOString().replace(':00.000Z', 'Z') ?? null;
const at = (isoUtc: string) => new Date(isoUtc);

/** The next send of a schedule with its calendar, as the scheduler computes it. */
function next(s: Schedule, zone: string, from: Date): string | null {
  return iso(nextSendTime(s, zone, from, 0, calendarForSchedule(s)?.skip));
}

describe('public holidays from date-holidays', () => {
  it('skips a holiday that falls on a weekday (Germany, Bavaria: Epiphany; not in Berlin)', () => {
    const bavaria = { ...officeHours, holidays: 'DE-BY' };
    const berlin = { ...officeHours, holidays: 'DE-BE' };
    const from = wall('Europe/Berlin', '2026-01-05T17:30');
    // Tuesday 6 January is Heilige Drei Könige in Bavaria only.
    expect(next(bavaria, 'Europe/Berlin', from)).toBe('2026-01-07T08:00Z');
    expect(next(berlin, 'Europe/Berlin', from)).toBe('2026-01-06T08:00Z');
  });

  it('skips the observed day of a holiday that falls on a weekend (US: 4 July 2026 is a Saturday)', () => {
    const us = { ...officeHours, holidays: 'US' };
    const cal = calendarForSchedule(us);
    expect(cal?.explain('2026-07-03')).toEqual({
      date: '2026-07-03',
      reason: 'holiday',
      name: 'Independence Day (substitute day) (US)',
    });
    // Thursday evening → Friday is the observed holiday → Monday 6 July, 09:00 New York.
    expect(next(us, 'America/New_York', wall('America/New_York', '2026-07-02T18:00'))).toBe(
      '2026-07-06T13:00Z',
    );
  });

  it('skips substitute days for Christmas and Boxing Day on a weekend (GB 2027)', () => {
    const gb = { ...officeHours, holidays: 'GB' };
    // Christmas (Sat) and Boxing Day (Sun) move to Monday 27 and Tuesday 28 December.
    expect(next(gb, 'Europe/London', wall('Europe/London', '2027-12-24T17:00'))).toBe('2027-12-29T09:00Z');
  });

  it('a region adds its own holidays to the country (US-CA: César Chávez Day)', () => {
    const from = wall('America/Los_Angeles', '2026-03-30T17:00');
    expect(next({ ...officeHours, holidays: 'US-CA' }, 'America/Los_Angeles', from)).toBe(
      '2026-04-01T16:00Z',
    );
    expect(next({ ...officeHours, holidays: 'US' }, 'America/Los_Angeles', from)).toBe('2026-03-31T16:00Z');
  });

  it("reads the holiday on the contact's local date, not UTC's (Japan, Tokyo is UTC+9)", () => {
    const jp = { ...officeHours, holidays: 'JP' };
    // 2026-05-06 is a substitute holiday; Tuesday 5 May 23:30 UTC is already Wednesday in Tokyo.
    expect(next(jp, 'Asia/Tokyo', at('2026-05-05T23:30Z'))).toBe('2026-05-07T00:00Z');
    expect(isInsideWindow(jp, 'Asia/Tokyo', at('2026-05-06T01:00Z'), calendarForSchedule(jp)?.skip)).toBe(
      false,
    );
  });

  it('knows which places exist', () => {
    expect(isKnownHolidayPlace('US')).toBe(true);
    expect(isKnownHolidayPlace('US-CA')).toBe(true);
    expect(isKnownHolidayPlace('DE-BY')).toBe(true);
    expect(isKnownHolidayPlace('FR')).toBe(true);
    expect(isKnownHolidayPlace('US-XX')).toBe(false);
    expect(isKnownHolidayPlace('ZZ')).toBe(false);
  });
});

describe('blackout dates', () => {
  const allDay = schedule([{ days: EVERY_DAY, start: '00:00', end: '24:00' }], 'Europe/Berlin');

  it('skips listed local dates and explains them', () => {
    const s = { ...officeHours, blackoutDates: ['2026-12-24', '2026-12-28'] };
    expect(calendarForSchedule(s)?.explain('2026-12-24')?.reason).toBe('blackout_date');
    expect(calendarForSchedule(s)?.explain('2026-12-23')).toBeNull();
    // Wed 23rd 17:00 → Thu 24 blackout, Fri 25 open (no holidays asked for).
    expect(next(s, 'UTC', at('2026-12-23T17:00Z'))).toBe('2026-12-25T09:00Z');
    expect(next(s, 'UTC', at('2026-12-25T17:00Z'))).toBe('2026-12-29T09:00Z');
  });

  it('a blackout on the spring-forward day (Berlin, 23 hours) starts and ends at local midnight', () => {
    const s = { ...allDay, blackoutDates: ['2026-03-29'] };
    const skip = calendarForSchedule(s)?.skip;
    // Midnight CET (UTC+1) opens the blackout; midnight CEST (UTC+2) ends it, 23 real hours later.
    expect(iso(windowEndAfter(s, 'Europe/Berlin', at('2026-03-28T12:00Z'), skip))).toBe('2026-03-28T23:00Z');
    expect(next(s, 'Europe/Berlin', at('2026-03-28T23:00Z'))).toBe('2026-03-29T22:00Z');
    expect(isInsideWindow(s, 'Europe/Berlin', at('2026-03-29T21:59Z'), skip)).toBe(false);
    expect(isInsideWindow(s, 'Europe/Berlin', at('2026-03-29T22:00Z'), skip)).toBe(true);
  });

  it('a blackout on the fall-back day (New York, 25 hours) lasts the whole local day', () => {
    const ny = schedule([{ days: EVERY_DAY, start: '00:00', end: '24:00' }], 'America/New_York');
    const s = { ...ny, blackoutDates: ['2026-11-01'] };
    const skip = calendarForSchedule(s)?.skip;
    expect(iso(windowEndAfter(s, 'America/New_York', at('2026-10-31T20:00Z'), skip))).toBe(
      '2026-11-01T04:00Z',
    );
    // 01:30 is read twice that night; both readings are inside the blackout.
    expect(isInsideWindow(s, 'America/New_York', at('2026-11-01T05:30Z'), skip)).toBe(false);
    expect(isInsideWindow(s, 'America/New_York', at('2026-11-01T06:30Z'), skip)).toBe(false);
    expect(next(s, 'America/New_York', at('2026-11-01T04:00Z'))).toBe('2026-11-02T05:00Z');
  });

  it('a long shutdown still finds the first open day after it', () => {
    const dates = Array.from({ length: 30 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`);
    const s = { ...officeHours, blackoutDates: [...dates, '2026-12-31'], holidays: 'DE' };
    // December is blacked out and Friday 1 January 2027 is New Year's Day: Monday 4 January.
    expect(next(s, 'UTC', at('2026-11-30T18:00Z'))).toBe('2027-01-04T09:00Z');
  });

  it('a schedule with neither has no calendar, so the plain functions apply unchanged', () => {
    expect(calendarForSchedule(officeHours)).toBeUndefined();
    expect(calendarForSchedule({ blackoutDates: [] })).toBeUndefined();
  });
});

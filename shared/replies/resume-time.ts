import { Temporal } from 'temporal-polyfill';
import { isIanaTimeZone } from '../schemas/time-zone';

/**
 * Local hour at which a paused enrollment resumes on the contact's return day. The morning rather than
 * midnight: a step released at 00:00 would be the first thing in the inbox the contact comes back to,
 * buried under the backlog; the scheduler still moves it into the sending window (weekends included).
 */
export const RESUME_HOUR = 9;

/** A calendar day without a zone, as parsed out of a message ("14 December"). */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/**
 * Contacts without a known zone are treated as UTC. An unknown zone falls back too instead of throwing:
 * the zone comes from contact data that may predate validation, and one bad value must not stop reply
 * detection for the whole thread.
 */
export function resolveTimeZone(timeZone: string | null | undefined): string {
  return timeZone && isIanaTimeZone(timeZone) ? timeZone : 'UTC';
}

export function todayIn(now: Date, timeZone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone).toPlainDate();
}

export function toPlainDate(day: CalendarDay): Temporal.PlainDate | null {
  try {
    return Temporal.PlainDate.from(day, { overflow: 'reject' });
  } catch {
    // 31 February and friends: the message named a day that does not exist, so it names no date.
    return null;
  }
}

/** `RESUME_HOUR` local time on `date` in `timeZone`; 'compatible' moves a skipped hour forward. */
export function morningOf(date: Temporal.PlainDate, timeZone: string): Date {
  const zoned = date.toZonedDateTime({
    timeZone,
    plainTime: Temporal.PlainTime.from({ hour: RESUME_HOUR }),
  });
  return new Date(zoned.epochMilliseconds);
}

/**
 * `days` calendar days after `now` at the same wall-clock time in `timeZone`. Never `days * 24h`: across
 * a DST change that lands an hour off, which is the "fixed offset across days" DESIGN.md warns about.
 */
export function addCalendarDays(now: Date, days: number, timeZone: string): Date {
  const zoned = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone);
  return new Date(zoned.add({ days }, { overflow: 'constrain' }).epochMilliseconds);
}

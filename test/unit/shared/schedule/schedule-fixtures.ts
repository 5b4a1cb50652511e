import { Temporal } from 'temporal-polyfill';
import type { Schedule, ScheduleWindow } from '../../../../shared/schemas/schedule';

export const WEEKDAYS = [1, 2, 3, 4, 5];
export const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

export function schedule(windows: ScheduleWindow[], timezone = 'UTC', useContactTimezone = false): Schedule {
  return { timezone, useContactTimezone, windows };
}

export const officeHours = schedule([{ days: WEEKDAYS, start: '09:00', end: '17:00' }]);

/**
 * A wall-clock time in `zone` as a Date. `reject` by default so a fixture that names a local time
 * skipped by a DST gap fails loudly instead of silently meaning another instant; ambiguous
 * (repeated) times must say which reading they mean.
 */
export function wall(
  zone: string,
  isoLocal: string,
  disambiguation: 'earlier' | 'later' | 'reject' = 'reject',
): Date {
  const zoned = Temporal.PlainDateTime.from(isoLocal).toZonedDateTime(zone, { disambiguation });
  return new Date(zoned.epochMilliseconds);
}

/** Independent oracle: reads the clock with Temporal and checks the raw, unmerged windows. */
export function oracleInside(s: Schedule, zone: string, epochMs: number): boolean {
  const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone);
  const clock = `${String(zoned.hour).padStart(2, '0')}:${String(zoned.minute).padStart(2, '0')}`;
  return s.windows.some((w) => w.days.includes(zoned.dayOfWeek) && w.start <= clock && clock < w.end);
}

import { isKnownHolidayPlace } from '../../../shared/schedule/day-calendar';
import type { Schedule } from '../../../shared/schemas/schedule';
import { invalid } from '../errors';

/**
 * The part of a schedule zod cannot check without the holiday data: that the holiday place exists.
 * Same envelope as a failed parse, naming the field, so forms show it beside the input.
 */
export function assertKnownHolidayPlace(schedule: Schedule | undefined, path = 'schedule.holidays'): void {
  const place = schedule?.holidays;
  if (place === undefined || isKnownHolidayPlace(place)) return;
  const message = `no public holidays are known for "${place}": use an ISO 3166-1 country code, optionally with a region (US, US-CA, DE-BY)`;
  throw invalid(`${path}: ${message}`, [{ path, message }], 'validation_failed');
}

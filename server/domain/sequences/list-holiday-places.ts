import { holidayPlaces } from '../../../shared/schedule/day-calendar';
import type { HolidayPlaces } from '../../../shared/schemas/schedule';

/**
 * The places a schedule's `holidays` may name, from the holiday library itself, so the editor offers
 * exactly what the scheduler understands. Static data, the same for every signed-in caller.
 */
export function listHolidayPlaces(): HolidayPlaces {
  return { countries: holidayPlaces() };
}

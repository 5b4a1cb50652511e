import Holidays from 'date-holidays';
import type { Schedule } from '../schemas/schedule';
import type { SkipDay } from './next-send-time';

/*
 * Days a schedule sends nothing on: a place's public holidays (from date-holidays, which knows
 * observed and substitute days per country and region) and explicit blackout dates. Server-side only:
 * the holiday data is large, and the extension asks the server's preview instead of importing this.
 */

export type SkipKind = 'holiday' | 'blackout_date';

export interface SkippedDay {
  /** The local date, YYYY-MM-DD. */
  date: string;
  reason: SkipKind;
  /** The holiday's name ("Christmas Day"), or "Blackout date". */
  name: string;
}

export interface DayCalendar {
  skip: SkipDay;
  /** Why a local date is skipped, or null when it sends. */
  explain(localDate: string): SkippedDay | null;
}

const placeCache = new Map<string, Holidays | null>();
const yearCache = new Map<string, Map<string, string>>();

function holidaysOf(place: string): Holidays | null {
  let h = placeCache.get(place);
  if (h === undefined) {
    const [country, region] = place.split('-');
    const candidate = new Holidays({ types: ['public'] });
    // init answers false for a place the library does not know; then the place has no holidays here
    // and the API refuses it up front (isKnownHolidayPlace).
    const ok = country ? candidate.init(country, region ?? '', { types: ['public'] }) : false;
    h = ok ? candidate : null;
    placeCache.set(place, h);
  }
  return h;
}

/** Whether date-holidays knows the place: "US", "US-CA" and "DE-BY" do, "US-XX" and "ZZ" do not. */
export function isKnownHolidayPlace(place: string): boolean {
  const [country, region] = place.split('-');
  if (!country) return false;
  const h = new Holidays();
  const countries = h.getCountries() ?? {};
  if (!(country in countries)) return false;
  if (region === undefined) return true;
  return region in (h.getStates(country) ?? {});
}

export interface HolidayPlace {
  /** ISO 3166-1 alpha-2: the value of `schedule.holidays`. */
  code: string;
  /** The country's name, for people ("Germany"). */
  name: string;
  /** Its regions with holidays of their own, `US-CA` style, by name. */
  regions: { code: string; name: string }[];
}

const PLACE_CODE = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;
let placesCache: HolidayPlace[] | undefined;

/**
 * Every country and region date-holidays knows, with English names, sorted by name: what a schedule
 * editor offers, so a person picks "Germany, Bavaria" and never types "DE-BY". Codes the schedule
 * schema cannot hold are left out.
 */
export function holidayPlaces(): HolidayPlace[] {
  if (placesCache) return placesCache;
  const h = new Holidays();
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en');
  placesCache = Object.entries(h.getCountries('en') ?? {})
    .filter(([code]) => PLACE_CODE.test(code))
    .map(([code, name]) => ({
      code,
      name,
      regions: Object.entries(h.getStates(code, 'en') ?? {})
        .map(([region, regionName]) => ({ code: `${code}-${region}`, name: regionName }))
        .filter((r) => PLACE_CODE.test(r.code))
        .sort(byName),
    }))
    .sort(byName);
  return placesCache;
}

/** Public holidays of a place in one year, by local date; observed/substitute days included. */
function holidayDates(place: string, year: number): Map<string, string> {
  const key = `${place}:${year}`;
  let dates = yearCache.get(key);
  if (!dates) {
    dates = new Map();
    for (const day of holidaysOf(place)?.getHolidays(year) ?? []) {
      if (day.type !== 'public') continue;
      // `date` is the holiday's local start ("2026-07-03 00:00:00"); some last more than a day.
      const first = day.date.slice(0, 10);
      const span = Math.max(1, Math.round((day.end.getTime() - day.start.getTime()) / 86_400_000));
      for (let i = 0; i < span; i++) {
        const d = new Date(`${first}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() + i);
        const iso = d.toISOString().slice(0, 10);
        if (!dates.has(iso)) dates.set(iso, day.name);
      }
    }
    if (yearCache.size > 512) yearCache.clear();
    yearCache.set(key, dates);
  }
  return dates;
}

/** The calendar of a schedule, or undefined when it skips nothing (the common case costs nothing). */
export function calendarForSchedule(
  schedule: Pick<Schedule, 'holidays' | 'blackoutDates'>,
): DayCalendar | undefined {
  const place = schedule.holidays;
  const blackout = new Set(schedule.blackoutDates ?? []);
  if (!place && blackout.size === 0) return undefined;
  const explain = (date: string): SkippedDay | null => {
    if (blackout.has(date)) return { date, reason: 'blackout_date', name: 'Blackout date' };
    if (place) {
      const name = holidayDates(place, Number(date.slice(0, 4))).get(date);
      if (name) return { date, reason: 'holiday', name: `${name} (${place})` };
    }
    return null;
  };
  return { explain, skip: (date) => explain(date) !== null };
}

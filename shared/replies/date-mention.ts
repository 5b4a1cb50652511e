import { Temporal } from 'temporal-polyfill';
import { toPlainDate } from './resume-time';

/**
 * A date as a message names it, before it is pinned to the calendar. Kept apart from `Date` because
 * "Monday" or "the 14th" only become a day once we know today's date in the contact's zone and which
 * other dates the text mentions ("until Friday 11 December, back on Monday").
 */
export type DatePart =
  | { kind: 'date'; year?: number; month: number; day: number }
  | { kind: 'weekday'; weekday: number /* 0 = Sunday, as chrono counts */ }
  | { kind: 'day-of-month'; day: number };

export interface DateMention {
  /** Offset of the date in the searched text, and offset just past it. */
  index: number;
  end: number;
  text: string;
  start: DatePart;
  /** Set for ranges ("3–11 December", "vom 1. bis 14. Dezember"): the last day of the absence. */
  until?: DatePart;
}

/**
 * Pins a `DatePart` to a calendar day. `notBefore` is today in the contact's zone, or a later date
 * the text already named, so that "back on Monday" after "until Friday 11 December" is the 14th.
 */
export function resolveDatePart(part: DatePart, today: Temporal.PlainDate, notBefore = today) {
  switch (part.kind) {
    case 'date': {
      if (part.year !== undefined) return toPlainDate({ year: part.year, month: part.month, day: part.day });
      return closestYear(part.month, part.day, today);
    }
    case 'weekday': {
      // A bare weekday always points forward: "back on Monday" written on a Monday means next week.
      const isoWeekday = part.weekday === 0 ? 7 : part.weekday;
      const ahead = (isoWeekday - notBefore.dayOfWeek + 7) % 7 || 7;
      return notBefore.add({ days: ahead });
    }
    case 'day-of-month':
      return nextDayOfMonth(part.day, notBefore);
  }
}

/**
 * "14 December" without a year: the occurrence closest to today, like chrono's own choice. During an
 * absence the named day is near; a forward-only rule would turn a stale "until 20 November" seen on
 * 1 December into next November instead of letting it be ignored as past.
 */
function closestYear(month: number, day: number, today: Temporal.PlainDate): Temporal.PlainDate | null {
  const options = [today.year - 1, today.year, today.year + 1]
    .map((year) => toPlainDate({ year, month, day }))
    .filter((d): d is Temporal.PlainDate => d !== null);
  let best: Temporal.PlainDate | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const option of options) {
    const distance = Math.abs(option.since(today, { largestUnit: 'days' }).days);
    if (distance < bestDistance) {
      best = option;
      bestDistance = distance;
    }
  }
  return best;
}

/** "Until the 14th": the next 14th on or after `from`, skipping months too short to have it. */
function nextDayOfMonth(day: number, from: Temporal.PlainDate): Temporal.PlainDate | null {
  for (let offset = 0; offset < 12; offset++) {
    const month = from.toPlainYearMonth().add({ months: offset });
    const candidate = toPlainDate({ year: month.year, month: month.month, day });
    if (candidate && Temporal.PlainDate.compare(candidate, from) >= 0) return candidate;
  }
  return null;
}

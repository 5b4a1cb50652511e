import type { Schedule } from '../schemas/schedule';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/**
 * A schedule reduced to what the hot path needs: for each ISO weekday (index 0 = Monday), its
 * windows as sorted, disjoint [start, end) pairs of milliseconds since local midnight, flattened
 * into one array. Overlapping and touching windows are merged here so that every other function
 * can treat "09:00–12:00 + 12:00–17:00" exactly like "09:00–17:00".
 */
export interface WeeklyPlan {
  readonly days: readonly (readonly number[])[];
  /** Every day is covered 00:00–24:00, so no instant is ever outside a window. */
  readonly alwaysOpen: boolean;
}

const HHMM = /^(\d\d):(\d\d)$/;

function parseClock(value: string, field: string): number {
  const match = HHMM.exec(value);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  const total = hours * 60 + minutes;
  // The zod schema already guarantees this shape; callers on the hot path skip parsing, so a
  // hand-built schedule must still fail loudly rather than produce NaN windows.
  if (!match || minutes > 59 || total > 24 * 60) {
    throw new RangeError(`schedule window ${field} must be HH:MM between 00:00 and 24:00, got "${value}"`);
  }
  return total * MINUTE_MS;
}

export function isoWeekdayIndex(localDay: number): number {
  // Local day 0 (1970-01-01) was a Thursday, ISO index 3.
  return (((localDay + 3) % 7) + 7) % 7;
}

function mergeIntervals(pairs: [number, number][]): number[] {
  pairs.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [start, end] of pairs) {
    const last = merged.length - 1;
    if (last >= 0 && start <= merged[last]!) {
      merged[last] = Math.max(merged[last]!, end);
    } else {
      merged.push(start, end);
    }
  }
  return merged;
}

const plans = new Map<string, WeeklyPlan>();

/**
 * Memoised by the windows' content, not by object identity: a caller that edits a schedule in
 * place must never get the old plan back, and the key costs far less than a 50-window build.
 */
export function weeklyPlanFor(schedule: Schedule): WeeklyPlan {
  let key = '';
  for (const w of schedule.windows) key += `${w.days.join(',')}|${w.start}|${w.end};`;
  let plan = plans.get(key);
  if (!plan) {
    plan = buildWeeklyPlan(schedule);
    if (plans.size >= 256) plans.clear();
    plans.set(key, plan);
  }
  return plan;
}

export function buildWeeklyPlan(schedule: Schedule): WeeklyPlan {
  if (schedule.windows.length === 0) throw new RangeError('schedule needs at least one window');
  const perDay: [number, number][][] = [[], [], [], [], [], [], []];
  for (const window of schedule.windows) {
    const start = parseClock(window.start, 'start');
    const end = parseClock(window.end, 'end');
    if (start >= end) {
      throw new RangeError(`schedule window ${window.start}–${window.end} ends before it starts`);
    }
    if (window.days.length === 0) throw new RangeError('schedule window needs at least one day');
    for (const day of window.days) {
      const slot = Number.isInteger(day) ? perDay[day - 1] : undefined;
      if (!slot) throw new RangeError(`schedule window days are ISO weekdays 1–7, got ${day}`);
      slot.push([start, end]);
    }
  }
  const days = perDay.map(mergeIntervals);
  const alwaysOpen = days.every((d) => d.length === 2 && d[0] === 0 && d[1] === DAY_MS);
  return { days, alwaysOpen };
}

/** End (ms since local midnight) of the merged window containing `msOfDay`, or -1 when outside. */
export function windowEndContaining(plan: WeeklyPlan, localDay: number, msOfDay: number): number {
  const intervals = plan.days[isoWeekdayIndex(localDay)]!;
  for (let i = 0; i < intervals.length; i += 2) {
    if (msOfDay < intervals[i]!) return -1;
    if (msOfDay < intervals[i + 1]!) return intervals[i + 1]!;
  }
  return -1;
}

/**
 * The earliest local wall-clock time (as "local epoch" ms: the wall clock read as if it were UTC)
 * at or after the given one that lies in a window. Pure wall-clock maths: whether that local time
 * exists, and when, is the caller's business.
 */
export function openingAtOrAfter(plan: WeeklyPlan, localDay: number, msOfDay: number): number {
  const today = plan.days[isoWeekdayIndex(localDay)]!;
  for (let i = 0; i < today.length; i += 2) {
    if (msOfDay < today[i + 1]!) return localDay * DAY_MS + Math.max(today[i]!, msOfDay);
  }
  for (let ahead = 1; ahead <= 7; ahead++) {
    const first = plan.days[isoWeekdayIndex(localDay + ahead)]![0];
    if (first !== undefined) return (localDay + ahead) * DAY_MS + first;
  }
  throw new RangeError('schedule has no window on any weekday');
}

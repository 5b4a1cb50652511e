import type { Schedule } from '../schemas/schedule';
import { isIanaTimeZone } from '../schemas/time-zone';
import {
  DAY_MS,
  MINUTE_MS,
  openingAtOrAfter,
  type WeeklyPlan,
  weeklyPlanFor,
  windowEndContaining,
} from './weekly-plan';
import { type ZoneOffsets, zoneOffsets } from './zone-offsets';

/*
 * Semantics: an instant is inside a schedule when the wall clock in `zone` at that instant reads a
 * weekday and time inside one of the windows ([start, end), 24:00 = end of day). Everything is
 * defined through instants, never by converting a wall-clock time to an instant, which is what
 * makes DST come out right without any disambiguation choice:
 * - local times skipped by a gap are never read off the clock, so a window starting in the gap
 *   opens at the first real instant after it, and a window lying wholly in the gap is empty;
 * - local times repeated by a fall-back are read twice, so a window covering the repeated hour
 *   lasts its real duration (01:00–02:00 on New York's fall-back day is two real hours), and a
 *   window lying wholly inside the repeated hour opens once per reading;
 * - waitMinutes is real elapsed time.
 * Consequently nothing this module returns is ever outside a window by the contact's own clock.
 */

/** No valid schedule needs more than a week; the second week only absorbs degenerate DST cases. */
const SEARCH_HORIZON_MS = 14 * DAY_MS;
/** With skipped days (holidays, a company shutdown) the next open day can be far off, but not this far. */
const SKIP_HORIZON_MS = 400 * DAY_MS;

/**
 * Local dates (YYYY-MM-DD in the zone the windows are read in) that send nothing: public holidays and
 * blackout dates. Injected so this module stays free of the holiday library (content scripts import it).
 */
export type SkipDay = (localDate: string) => boolean;

/** The local date of a local day number (days since 1970-01-01 on the zone's wall clock). */
export function localDateOf(localDay: number): string {
  return new Date(localDay * DAY_MS).toISOString().slice(0, 10);
}
/** The largest instant a Date can hold: "this window never closes". */
const NEVER_CLOSES_MS = 8.64e15;

function epochMs(value: Date, name: string): number {
  const ms = value.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is an invalid Date`);
  return ms;
}

function minutesMs(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number of minutes ≥ 0, got ${value}`);
  }
  return value * MINUTE_MS;
}

function isOpenAt(plan: WeeklyPlan, offsets: ZoneOffsets, t: number, skip?: SkipDay): boolean {
  const local = t + offsets.offsetAt(t);
  const day = Math.floor(local / DAY_MS);
  if (skip?.(localDateOf(day))) return false;
  return windowEndContaining(plan, day, local - day * DAY_MS) >= 0;
}

/**
 * The first open instant at or after `startMs` whose local day is not skipped. A skipped day moves the
 * search to the next local midnight and the clock is read again there, so DST on either side of a
 * skipped day is handled by the same instant-based search as everything else.
 */
function firstOpenInstant(plan: WeeklyPlan, offsets: ZoneOffsets, startMs: number, skip?: SkipDay): number {
  if (!skip) return firstOpenIgnoringSkips(plan, offsets, startMs, startMs + SEARCH_HORIZON_MS);
  const limit = startMs + SKIP_HORIZON_MS;
  let t = startMs;
  for (;;) {
    const open = firstOpenIgnoringSkips(plan, offsets, t, limit);
    const local = open + offsets.offsetAt(open);
    const day = Math.floor(local / DAY_MS);
    if (!skip(localDateOf(day))) return open;
    // Next local midnight at today's offset, unless the offset changes first: then re-read there.
    const midnight = open + ((day + 1) * DAY_MS - local);
    t = Math.min(midnight, offsets.nextTransitionAfter(open, midnight));
  }
}

function firstOpenIgnoringSkips(
  plan: WeeklyPlan,
  offsets: ZoneOffsets,
  startMs: number,
  limit: number,
): number {
  let t = startMs;
  while (t <= limit) {
    const local = t + offsets.offsetAt(t);
    const day = Math.floor(local / DAY_MS);
    const opening = openingAtOrAfter(plan, day, local - day * DAY_MS);
    if (opening === local) return t;
    // Real time and wall time advance together until the next transition, so the opening is
    // this far away unless a transition comes first; then re-read the clock right there, since
    // the jump may land inside a window, skip over its start, or repeat time before it.
    const candidate = t + (opening - local);
    const transition = offsets.nextTransitionAfter(t, candidate);
    if (transition > candidate) {
      if (candidate > limit) break;
      return candidate;
    }
    t = transition;
  }
  const days = Math.round((limit - startMs) / DAY_MS);
  throw new RangeError(
    `no sending window opens within ${days} days after ${new Date(startMs).toISOString()} in ${offsets.zone}`,
  );
}

function closingInstant(plan: WeeklyPlan, offsets: ZoneOffsets, atMs: number, skip?: SkipDay): number | null {
  // Every instant reads some weekday's 00:00–24:00, so such a schedule never closes.
  if (plan.alwaysOpen && !skip) return NEVER_CLOSES_MS;
  const limit = atMs + SEARCH_HORIZON_MS;
  let t = atMs;
  for (;;) {
    const local = t + offsets.offsetAt(t);
    const day = Math.floor(local / DAY_MS);
    const msOfDay = local - day * DAY_MS;
    // A stretch running into a skipped day closes at that day's midnight.
    const end = skip?.(localDateOf(day)) ? -1 : windowEndContaining(plan, day, msOfDay);
    if (end < 0) return t === atMs ? null : t;
    if (t > limit) return NEVER_CLOSES_MS;
    // Follow the open stretch across transitions and midnight: a window ending at 24:00 and one
    // starting at 00:00 the next day are one stretch, and a transition can cut a window short.
    const candidate = t + (end - msOfDay);
    t = Math.min(candidate, offsets.nextTransitionAfter(t, candidate));
  }
}

/**
 * The zone a contact's windows are read in: the contact's own zone when the schedule asks for it
 * and the contact has one the runtime knows, otherwise the schedule's zone.
 */
export function resolveScheduleZone(schedule: Schedule, contactTimeZone: string | null | undefined): string {
  if (schedule.useContactTimezone && typeof contactTimeZone === 'string') {
    // Contact zones come from CRM imports and free text; stray spaces are common, and an
    // unknown zone must fall back rather than fail the whole send.
    const candidate = contactTimeZone.trim();
    if (isKnownZone(candidate)) return candidate;
  }
  return schedule.timezone;
}

const knownZones = new Map<string, boolean>();

function isKnownZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    // Checking a zone builds an Intl.DateTimeFormat (tens of µs); contacts repeat a few zones.
    if (knownZones.size >= 1024) knownZones.clear();
    known = isIanaTimeZone(zone);
    knownZones.set(zone, known);
  }
  return known;
}

/**
 * The first instant at or after `from + waitMinutes` (real minutes) that is inside one of the
 * schedule's windows, read in `zone`. Throws RangeError for an unknown zone, an invalid Date or
 * wait, or (only for degenerate schedules) when no window opens within 14 days.
 */
export function nextSendTime(
  schedule: Schedule,
  zone: string,
  from: Date,
  waitMinutes: number,
  skip?: SkipDay,
): Date {
  // Rounded up: a Date holds whole milliseconds, and the answer may never precede from + wait.
  const startMs = Math.ceil(epochMs(from, 'from') + minutesMs(waitMinutes, 'waitMinutes'));
  if (startMs > NEVER_CLOSES_MS - SEARCH_HORIZON_MS) {
    throw new RangeError('from + waitMinutes is beyond the range a Date can hold');
  }
  return new Date(firstOpenInstant(weeklyPlanFor(schedule), zoneOffsets(zone), startMs, skip));
}

/** Whether the wall clock in `zone` at `at` reads a time inside one of the schedule's windows. */
export function isInsideWindow(schedule: Schedule, zone: string, at: Date, skip?: SkipDay): boolean {
  return isOpenAt(weeklyPlanFor(schedule), zoneOffsets(zone), epochMs(at, 'at'), skip);
}

/**
 * The instant the open stretch containing `at` closes (exclusive), merging touching windows, also
 * across midnight; null when `at` is outside every window. A stretch that does not close within
 * 14 days (a schedule open around the clock) returns the largest Date, +275760-09-13.
 */
export function windowEndAfter(schedule: Schedule, zone: string, at: Date, skip?: SkipDay): Date | null {
  const end = closingInstant(weeklyPlanFor(schedule), zoneOffsets(zone), epochMs(at, 'at'), skip);
  return end === null ? null : new Date(end);
}

/**
 * When a slot computed earlier may actually go out, given that it is now `now`.
 *
 * Why this rule: a slot can be missed (downtime, a backlog, a slow worker) and the schedule may
 * have been edited since the slot was computed, yet nothing may ever go out outside a window.
 * - Late by more than `maxLatenessMinutes`: the original moment is stale, so start over from now:
 *   now if a window is open, else the next window.
 * - Otherwise a slot still ahead is kept, provided it is still inside a window (if the schedule
 *   changed, it moves to the next window after it); a slot already passed goes now if a window is
 *   open, else at the next window.
 * Because the result must lie in a window, a missed slot lands at the first open instant at or
 * after now whichever arm applies: the bound does not by itself defer a late send further.
 */
export function reslotIfLate(
  schedule: Schedule,
  zone: string,
  slot: Date,
  now: Date,
  maxLatenessMinutes: number,
  skip?: SkipDay,
): Date {
  const slotMs = epochMs(slot, 'slot');
  const nowMs = epochMs(now, 'now');
  const late = nowMs - slotMs > minutesMs(maxLatenessMinutes, 'maxLatenessMinutes');
  const from = late ? nowMs : Math.max(slotMs, nowMs);
  return new Date(firstOpenInstant(weeklyPlanFor(schedule), zoneOffsets(zone), from, skip));
}

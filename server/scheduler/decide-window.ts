import { calendarForSchedule, type DayCalendar } from '../../shared/schedule/day-calendar';
import { localDateIn } from '../../shared/schedule/local-date';
import {
  isInsideWindow,
  nextSendTime,
  resolveScheduleZone,
  windowEndAfter,
} from '../../shared/schedule/next-send-time';
import type { Schedule } from '../../shared/schemas/schedule';
import type { Deferral, DueRow } from './claim-types';

/** Where a due email that may not go out now goes: a new slot, and the holiday or blackout behind it. */
export interface Reslot {
  at: Date;
  skipped: { reason: 'holiday' | 'blackout_date'; detail: string } | null;
}

/**
 * Where a due email goes next when it may not go out now: into the next window on a day that sends
 * (null: it may go now). A slot late beyond the bound is stale, so it waits for the next window to
 * open rather than joining the current one (after downtime the backlog is spread over the coming
 * windows, not blasted out at once).
 */
export function reslot(
  schedule: Schedule,
  calendar: DayCalendar | undefined,
  zone: string,
  slot: Date,
  now: Date,
  maxLatenessMinutes: number,
): Reslot | null {
  const skip = calendar?.skip;
  const late = now.getTime() - slot.getTime() > maxLatenessMinutes * 60_000;
  if (!late && isInsideWindow(schedule, zone, now, skip)) return null;
  const from = late ? (windowEndAfter(schedule, zone, now, skip) ?? now) : now;
  const at = nextSendTime(schedule, zone, from, 0, skip);
  if (!calendar) return { at, skipped: null };
  // The first opening the plain windows offer: when the calendar moved past it, its day says why.
  const plain = nextSendTime(schedule, zone, from, 0);
  const why = plain.getTime() < at.getTime() ? calendar.explain(localDateIn(zone, plain)) : null;
  return { at, skipped: why && { reason: why.reason, detail: `${why.name}, ${why.date}` } };
}

/**
 * The first decision of a claim: which due emails are inside their window now (sendable) and which
 * move to the next one (deferred, with the holiday or blackout that moved them).
 */
export function decideWindows<R extends DueRow>(
  due: readonly R[],
  now: Date,
  maxLatenessMinutes: number,
): { sendable: R[]; deferred: Deferral[] } {
  const deferred: Deferral[] = [];
  const sendable: R[] = [];
  // One calendar per sequence in the batch: most have none, and holiday lookups are cached anyway.
  const calendars = new Map<string, DayCalendar | undefined>();
  for (const row of due) {
    const schedule = row.schedule as Schedule;
    const seq = row.enrollment.sequenceId;
    if (!calendars.has(seq)) calendars.set(seq, calendarForSchedule(schedule));
    const zone = resolveScheduleZone(schedule, row.timezone);
    const slot = row.email.scheduledAt ?? row.email.dueAt ?? now;
    const next = reslot(schedule, calendars.get(seq), zone, slot, now, maxLatenessMinutes);
    if (!next) sendable.push(row);
    else
      deferred.push({
        id: row.email.id,
        dueAt: next.at,
        scheduledAt: next.at,
        waitingFor: 'window',
        waitReason: next.skipped?.reason ?? null,
        waitDetail: next.skipped?.detail ?? null,
      });
  }
  return { sendable, deferred };
}

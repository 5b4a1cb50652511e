import type { z } from 'zod';
import {
  calendarForSchedule,
  type DayCalendar,
  type SkippedDay,
} from '../../../shared/schedule/day-calendar';
import { addDays, daysBetween, localDateIn } from '../../../shared/schedule/local-date';
import { nextSendTime } from '../../../shared/schedule/next-send-time';
import type { Schedule } from '../../../shared/schemas/schedule';
import type { schedulePreviewResultSchema } from '../../../shared/schemas/sequence';
import { assertKnownHolidayPlace } from './validate-schedule';

/** The holidays and blackout dates between two instants (local dates in `zone`), in order. */
function skippedBetween(calendar: DayCalendar | undefined, zone: string, from: Date, at: Date): SkippedDay[] {
  if (!calendar) return [];
  const first = localDateIn(zone, from);
  const days = daysBetween(first, localDateIn(zone, at));
  const out: SkippedDay[] = [];
  for (let i = 0; i <= days; i++) {
    const date = addDays(first, i);
    const why = calendar.explain(date);
    if (why) out.push(why);
  }
  return out;
}

export type SchedulePreviewResult = z.infer<typeof schedulePreviewResultSchema>;

export interface PreviewScheduleInput {
  schedule: Schedule;
  timezone?: string;
  from: string;
  waitMinutes: number;
}

/**
 * The first moment at or after from + waitMinutes inside the schedule's windows: the scheduler's own
 * function, so the editor shows what will happen. Pure: no database, no clock.
 */
export function previewSchedule(input: PreviewScheduleInput): SchedulePreviewResult {
  // An explicit zone plays the contact's zone; without one the schedule's own zone applies.
  const zone = input.timezone ?? input.schedule.timezone;
  assertKnownHolidayPlace(input.schedule);
  const calendar = calendarForSchedule(input.schedule);
  const start = new Date(new Date(input.from).getTime() + input.waitMinutes * 60_000);
  const at = nextSendTime(input.schedule, zone, new Date(input.from), input.waitMinutes, calendar?.skip);
  // Without holidays or blackout dates the answer stays exactly what it always was.
  const skipped = calendar && { skipped: skippedBetween(calendar, zone, start, at) };
  return { at: at.toISOString(), ...skipped };
}

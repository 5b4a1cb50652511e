import { createRoute, z } from '@hono/zod-openapi';
import { calendarForSchedule, type DayCalendar, type SkippedDay } from '../../shared/schedule/day-calendar';
import { nextSendTime } from '../../shared/schedule/next-send-time';
import { isoInstantSchema } from '../../shared/schemas/common';
import { scheduleSchema } from '../../shared/schemas/schedule';
import { schedulePreviewResultSchema } from '../../shared/schemas/sequence';
import { ianaTimeZoneSchema } from '../../shared/schemas/time-zone';
import type { AppDeps } from '../app-env';
import { assertKnownHolidayPlace } from '../domain/sequences/validate-schedule';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../http/router';
import { daysBetween, localDateIn } from '../scheduler/pacing';

/** The holidays and blackout dates between two instants (local dates in `zone`), in order. */
function skippedBetween(calendar: DayCalendar | undefined, zone: string, from: Date, at: Date): SkippedDay[] {
  if (!calendar) return [];
  const first = localDateIn(zone, from);
  const days = daysBetween(first, localDateIn(zone, at));
  const out: SkippedDay[] = [];
  for (let i = 0; i <= days; i++) {
    const date = new Date(Date.parse(`${first}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
    const why = calendar.explain(date);
    if (why) out.push(why);
  }
  return out;
}

const previewBody = z
  .object({
    schedule: scheduleSchema,
    timezone: ianaTimeZoneSchema.optional(),
    from: isoInstantSchema,
    waitMinutes: z
      .number()
      .int()
      .min(0)
      .max(366 * 24 * 60),
  })
  .strict();

const preview = createRoute({
  method: 'post',
  path: '/schedule/preview',
  tags: ['sequences'],
  security: [{ bearer: [] }],
  description:
    "The first moment at or after from + waitMinutes inside the schedule's windows, on a day that is neither a public holiday of `schedule.holidays` nor a blackout date: the scheduler's own function. `skipped` lists the holidays and blackout dates passed over on the way.",
  request: { body: jsonBody(previewBody) },
  responses: { 200: jsonResponse(schedulePreviewResultSchema, 'The next send time'), ...errorResponses },
});

export function schedulePreviewRoutes(_deps: AppDeps) {
  return createRouter().openapi(preview, (c) => {
    const body = c.req.valid('json');
    // An explicit zone plays the contact's zone; without one the schedule's own zone applies.
    const zone = body.timezone ?? body.schedule.timezone;
    assertKnownHolidayPlace(body.schedule);
    const calendar = calendarForSchedule(body.schedule);
    const start = new Date(new Date(body.from).getTime() + body.waitMinutes * 60_000);
    const at = nextSendTime(body.schedule, zone, new Date(body.from), body.waitMinutes, calendar?.skip);
    // Without holidays or blackout dates the answer stays exactly what it always was.
    const skipped = calendar && { skipped: skippedBetween(calendar, zone, start, at) };
    return c.json({ at: at.toISOString(), ...skipped }, 200);
  });
}

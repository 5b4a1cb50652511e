import { createRoute, z } from '@hono/zod-openapi';
import { isoInstantSchema } from '../../../shared/schemas/common';
import { holidayPlacesSchema, scheduleSchema } from '../../../shared/schemas/schedule';
import { schedulePreviewResultSchema } from '../../../shared/schemas/sequence';
import { ianaTimeZoneSchema } from '../../../shared/schemas/time-zone';
import { errorResponses, jsonBody, jsonResponse } from '../../http/router';

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

export const previewSchedule = createRoute({
  method: 'post',
  path: '/schedule/preview',
  tags: ['sequences'],
  security: [{ bearer: [] }],
  description:
    "The first moment at or after from + waitMinutes inside the schedule's windows, on a day that is neither a public holiday of `schedule.holidays` nor a blackout date: the scheduler's own function. `skipped` lists the holidays and blackout dates passed over on the way.",
  request: { body: jsonBody(previewBody) },
  responses: { 200: jsonResponse(schedulePreviewResultSchema, 'The next send time'), ...errorResponses },
});

export type PreviewScheduleRoute = typeof previewSchedule;

export const listHolidayPlaces = createRoute({
  method: 'get',
  path: '/schedule/holiday-places',
  tags: ['sequences'],
  security: [{ bearer: [] }],
  description:
    'The countries and regions whose public holidays a schedule can skip (`schedule.holidays`), with their names, sorted by name: what a schedule editor offers instead of asking for codes.',
  responses: { 200: jsonResponse(holidayPlacesSchema, 'Countries and their regions'), ...errorResponses },
});

export type ListHolidayPlacesRoute = typeof listHolidayPlaces;

import { createRoute, z } from '@hono/zod-openapi';
import { nextSendTime } from '../../shared/schedule/next-send-time';
import { isoInstantSchema } from '../../shared/schemas/common';
import { scheduleSchema } from '../../shared/schemas/schedule';
import { schedulePreviewResultSchema } from '../../shared/schemas/sequence';
import { ianaTimeZoneSchema } from '../../shared/schemas/time-zone';
import type { AppDeps } from '../app-env';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../http/router';

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
    "The first moment at or after from + waitMinutes inside the schedule's windows: the scheduler's own function.",
  request: { body: jsonBody(previewBody) },
  responses: { 200: jsonResponse(schedulePreviewResultSchema, 'The next send time'), ...errorResponses },
});

export function schedulePreviewRoutes(_deps: AppDeps) {
  return createRouter().openapi(preview, (c) => {
    const body = c.req.valid('json');
    // An explicit zone plays the contact's zone; without one the schedule's own zone applies.
    const zone = body.timezone ?? body.schedule.timezone;
    const at = nextSendTime(body.schedule, zone, new Date(body.from), body.waitMinutes);
    return c.json({ at: at.toISOString() }, 200);
  });
}

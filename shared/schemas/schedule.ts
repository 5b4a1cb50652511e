import { z } from 'zod';
import { ianaTimeZoneSchema } from './time-zone';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use HH:MM between 00:00 and 24:00');

export const scheduleWindowSchema = z
  .object({
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    start: hhmm,
    /** Exclusive; 24:00 ends the day. */
    end: hhmm,
  })
  .refine((w) => w.start < w.end, { message: 'end must be after start', path: ['end'] });
export type ScheduleWindow = z.infer<typeof scheduleWindowSchema>;

export const scheduleSchema = z.object({
  timezone: ianaTimeZoneSchema,
  useContactTimezone: z.boolean(),
  windows: z.array(scheduleWindowSchema).min(1).max(50),
});
export type Schedule = z.infer<typeof scheduleSchema>;

/** Mon–Fri 09:00–17:00 in the contact's zone (API.md default). */
export const defaultSchedule: Schedule = {
  timezone: 'UTC',
  useContactTimezone: true,
  windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
};

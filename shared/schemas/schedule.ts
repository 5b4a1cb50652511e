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

/** ISO 3166-1 alpha-2, optionally a region ("US", "US-CA", "DE-BY"); the server checks the place exists. */
export const holidayPlaceSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'use a country code, optionally with a region: US, US-CA, DE-BY');

const localDate = z.iso.date('use YYYY-MM-DD');

/** `GET /api/schedule/holiday-places`: the places `holidays` may name, with names for people. */
export const holidayPlacesSchema = z.object({
  countries: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      regions: z.array(z.object({ code: z.string(), name: z.string() })),
    }),
  ),
});
export type HolidayPlaces = z.infer<typeof holidayPlacesSchema>;

export const scheduleSchema = z.object({
  timezone: ianaTimeZoneSchema,
  useContactTimezone: z.boolean(),
  windows: z.array(scheduleWindowSchema).min(1).max(50),
  /** That place's public holidays send nothing (local days in the zone the schedule applies). */
  holidays: holidayPlaceSchema.optional(),
  /** Local dates that send nothing: company shutdowns, events. */
  blackoutDates: z.array(localDate).max(1000).optional(),
});
export type Schedule = z.infer<typeof scheduleSchema>;

/** Mon–Fri 09:00–17:00 in the contact's zone (API.md default). */
export const defaultSchedule: Schedule = {
  timezone: 'UTC',
  useContactTimezone: true,
  windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
};

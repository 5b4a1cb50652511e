import { z } from 'zod';

/** True when the runtime's ICU knows this IANA zone (e.g. "Europe/Berlin"). */
export function isIanaTimeZone(value: string): boolean {
  if (value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const ianaTimeZoneSchema = z
  .string()
  .max(64)
  .refine(isIanaTimeZone, { message: 'not a known IANA time zone (e.g. "Europe/Berlin")' });

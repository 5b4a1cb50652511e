import { z } from 'zod';

// Building a DateTimeFormat costs tens of microseconds; a CSV import asks about the same few zones
// thousands of times. The set of zone names is small and fixed, so the memo cannot grow unbounded
// beyond the distinct strings callers send (capped below).
const known = new Map<string, boolean>();

/** True when the runtime's ICU knows this IANA zone (e.g. "Europe/Berlin"). */
export function isIanaTimeZone(value: string): boolean {
  if (value.length === 0 || value.length > 64) return false;
  const hit = known.get(value);
  if (hit !== undefined) return hit;
  let ok: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    ok = true;
  } catch {
    ok = false;
  }
  if (known.size < 5000) known.set(value, ok);
  return ok;
}

export const ianaTimeZoneSchema = z
  .string()
  .max(64)
  .refine(isIanaTimeZone, { message: 'not a known IANA time zone (e.g. "Europe/Berlin")' });

import { DAY_MS } from './weekly-plan';
import { zoneOffsets } from './zone-offsets';

/*
 * Local dates (YYYY-MM-DD) in a zone: the unit ramp-up days, holidays and blackout dates count in.
 * Pure, so the scheduler, the domain and the console's preview all read days the same way.
 */

/** The local date (YYYY-MM-DD) of an instant in a zone; an unknown or missing zone reads as UTC. */
export function localDateIn(zone: string | null | undefined, at: Date): string {
  let offset = 0;
  try {
    offset = zoneOffsets(zone || 'UTC').offsetAt(at.getTime());
  } catch {
    offset = 0;
  }
  const day = Math.floor((at.getTime() + offset) / DAY_MS);
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from local date `a` to local date `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The local date `days` after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

import { addDays, daysBetween, localDateIn } from '../../../../shared/schedule/local-date';
import type { SchedulePreviewResult } from '../../../../shared/schemas/sequence';

/** A local day a send time passed over, and why, in words for a person. */
export interface PassedOverDay {
  /** The local date, YYYY-MM-DD, in the zone the preview used. */
  date: string;
  kind: 'holiday' | 'blackout_date' | 'outside_window';
  /** "Thanksgiving Day (US)", "Blackout date", "No sending window left that day". */
  why: string;
}

/**
 * The days between the moment asked for (from + wait) and the send time the server found, each with
 * its reason: the server names holidays and blackout dates; any other day passed over had no sending
 * window (a weekend, or the window had closed by then). Days are local to `zone`, as the scheduler
 * reads them.
 */
export function passedOverDays(
  requested: Date,
  preview: SchedulePreviewResult,
  zone: string,
): PassedOverDay[] {
  const first = localDateIn(zone, requested);
  const last = localDateIn(zone, new Date(preview.at));
  const span = daysBetween(first, last);
  const named = new Map((preview.skipped ?? []).map((s) => [s.date, s]));
  const out: PassedOverDay[] = [];
  for (let i = 0; i < span; i++) {
    const date = addDays(first, i);
    const skipped = named.get(date);
    if (skipped) out.push({ date, kind: skipped.reason, why: skipped.name });
    else
      out.push({
        date,
        kind: 'outside_window',
        why: i === 0 ? 'Outside the sending window' : 'No sending window that day',
      });
  }
  return out;
}

/** "2026-11-26" → "Thu, Nov 26" in the reader's language (a date, so no zone shift). */
export function formatLocalDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return Number.isNaN(d.getTime())
    ? date
    : d.toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

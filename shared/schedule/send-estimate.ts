/*
 * How long a mailbox's queue takes to drain under its caps: a rough estimate for people ("about 3
 * days"), never a promise. It counts whole sending days at the mailbox's daily capacity, which is
 * the smaller of today's daily limit and what the hourly limit allows over the hours a day's windows
 * are open. Holidays, per-domain caps and gaps between sends only make it later.
 */

export interface MailboxPace {
  /** Today's daily limit (ramp-up applied). */
  readonly dailyLimit: number;
  readonly hourlyLimit: number;
  /** Sends already made (or claimed) today. */
  readonly sentToday?: number;
  /** Hours a day the sending windows are open; the default schedule's 09:00–17:00 is 8. */
  readonly windowHours?: number;
}

export const DEFAULT_WINDOW_HOURS = 8;

/** Emails the mailbox can send in one full sending day (at least one, so a queue always drains). */
export function dailyCapacity(p: MailboxPace): number {
  const hours = Math.max(1, Math.ceil(p.windowHours ?? DEFAULT_WINDOW_HOURS));
  return Math.max(1, Math.min(Math.floor(p.dailyLimit), Math.floor(p.hourlyLimit) * hours));
}

/**
 * The sending day (0 = today, 1 = the next sending day…) on which the email at `position` in the
 * mailbox's queue (0-based, oldest first) should go out.
 */
export function sendingDayOf(p: MailboxPace, position: number): number {
  const perDay = dailyCapacity(p);
  const leftToday = Math.max(0, perDay - Math.max(0, p.sentToday ?? 0));
  if (position < leftToday) return 0;
  return 1 + Math.floor((position - leftToday) / perDay);
}

export interface SpreadEstimate {
  readonly perDay: number;
  /** Sending days until the last of `queued + adding` emails goes out (1 = all today). */
  readonly days: number;
}

/** How many sending days the queue plus `adding` new first emails need. */
export function spreadOf(p: MailboxPace, queued: number, adding: number): SpreadEstimate {
  const total = Math.max(0, queued) + Math.max(0, adding);
  return { perDay: dailyCapacity(p), days: total === 0 ? 0 : sendingDayOf(p, total - 1) + 1 };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Average open hours on a day that has any window (overlapping windows counted once per minute). */
export function windowHoursPerDay(
  windows: ReadonlyArray<{ days: readonly number[]; start: string; end: string }>,
): number {
  const open = new Map<number, Set<number>>();
  for (const w of windows) {
    for (const d of w.days) {
      const minutes = open.get(d) ?? new Set<number>();
      // Quarter-hour buckets: exact enough for an estimate, cheap for 50 windows.
      for (let m = minutesOf(w.start); m < minutesOf(w.end); m += 15) minutes.add(m);
      open.set(d, minutes);
    }
  }
  if (open.size === 0) return DEFAULT_WINDOW_HOURS;
  let total = 0;
  for (const minutes of open.values()) total += minutes.size * 15;
  return total / 60 / open.size;
}

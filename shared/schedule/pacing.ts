import { addDays, daysBetween, localDateIn } from './local-date';

/*
 * Pacing rules as pure functions of the clock: warm-up (ramp-up) limits, the gap between two sends
 * with its jitter, and recipient domains. The scheduler's claim applies them under the mailbox locks;
 * the mailbox use-cases show today's limit from the same function.
 */

export interface RampUp {
  startPerDay: number;
  increasePerDay: number;
  /** The local date (in the mailbox owner's zone) ramp-up was switched on: day 0. */
  startedOn: string;
}

export interface DailyLimitToday {
  /** The daily cap in force today. */
  limit: number;
  /** Ramp-up holds the cap below the mailbox's dailyLimit today. */
  rampingUp: boolean;
  /** The local date the cap reaches dailyLimit; null without ramp-up or when it never grows. */
  reachesLimitOn: string | null;
}

/**
 * Today's daily cap: `startPerDay` on the day ramp-up was switched on, `increasePerDay` more each
 * local day after (days begin at midnight in the owner's zone), never above `dailyLimit`.
 */
export function effectiveDailyLimit(
  dailyLimit: number,
  rampUp: RampUp | null | undefined,
  zone: string | null | undefined,
  now: Date,
): DailyLimitToday {
  if (!rampUp) return { limit: dailyLimit, rampingUp: false, reachesLimitOn: null };
  const day = Math.max(0, daysBetween(rampUp.startedOn, localDateIn(zone, now)));
  const ramped = rampUp.startPerDay + rampUp.increasePerDay * day;
  const limit = Math.max(1, Math.min(dailyLimit, ramped));
  const daysToCeiling =
    rampUp.startPerDay >= dailyLimit
      ? 0
      : rampUp.increasePerDay > 0
        ? Math.ceil((dailyLimit - rampUp.startPerDay) / rampUp.increasePerDay)
        : null;
  return {
    limit,
    rampingUp: limit < dailyLimit,
    reachesLimitOn: daysToCeiling === null ? null : addDays(rampUp.startedOn, daysToCeiling),
  };
}

/**
 * How long after a claim the mailbox's next claim may come: the gap plus a random jitter of up to
 * half of it, so sends are never closer than the gap and never land on a regular beat.
 */
export function gapAfterClaimMs(minGapSeconds: number, random: () => number): number {
  if (minGapSeconds <= 0) return 0;
  const gap = minGapSeconds * 1000;
  const r = Math.min(Math.max(random(), 0), 1);
  return gap + Math.floor(r * (gap / 2));
}

/** The lower-cased domain of an address ("ada@Example.COM" → "example.com"); null without one. */
export function recipientDomain(address: string | null | undefined): string | null {
  if (!address) return null;
  const at = address.lastIndexOf('@');
  if (at < 0 || at === address.length - 1) return null;
  return address
    .slice(at + 1)
    .trim()
    .toLowerCase();
}

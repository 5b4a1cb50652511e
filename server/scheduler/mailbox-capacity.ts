const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface MailboxUsage {
  id: string;
  active: boolean;
  hourlyLimit: number;
  dailyLimit: number;
  /** Claim times inside the last 24 hours, any order. */
  claims: Date[];
}

export interface CapacityRequest {
  key: string;
  /** The enrollment's mailboxes, in rotation; one means no rotation. */
  mailboxIds: string[];
}

export type CapacityDecision =
  | { key: string; kind: 'assigned'; mailboxId: string }
  /** Every candidate is at its cap: try again at `retryAt`, when the earliest of them frees a slot. */
  | { key: string; kind: 'wait'; retryAt: Date }
  /** No candidate can ever send (none given, or all inactive): the guard reports why. */
  | { key: string; kind: 'no_mailbox'; mailboxId: string | null };

/**
 * Rolling-window caps with rotation. Requests are served in the order given (the caller orders by
 * prospect score); each takes the candidate with the most room left today, so rotation spreads load
 * and the least-used mailbox goes first. Counts include this batch's own assignments.
 */
export function assignMailboxes(
  now: Date,
  usage: MailboxUsage[],
  requests: CapacityRequest[],
): CapacityDecision[] {
  const t = now.getTime();
  const state = new Map(
    usage.map((u) => {
      const recent = u.claims.map((d) => d.getTime()).filter((x) => x > t - DAY);
      return [u.id, { u, day: recent.sort((a, b) => a - b), hour: recent.filter((x) => x > t - HOUR) }];
    }),
  );
  return requests.map((req) => {
    const candidates = req.mailboxIds.map((id) => state.get(id)).filter((s) => s?.u.active);
    if (candidates.length === 0)
      return { key: req.key, kind: 'no_mailbox', mailboxId: req.mailboxIds[0] ?? null };
    let best: (typeof candidates)[number];
    let bestRoom = 0;
    let earliestFree = Number.POSITIVE_INFINITY;
    for (const s of candidates) {
      if (!s) continue;
      const roomHour = s.u.hourlyLimit - s.hour.length;
      const roomDay = s.u.dailyLimit - s.day.length;
      if (roomHour > 0 && roomDay > 0) {
        if (roomDay > bestRoom) {
          best = s;
          bestRoom = roomDay;
        }
        continue;
      }
      // The slot frees when the claim that filled the window ages out of it.
      const hourFree = roomHour > 0 ? t : (s.hour[s.hour.length - s.u.hourlyLimit] ?? t) + HOUR;
      const dayFree = roomDay > 0 ? t : (s.day[s.day.length - s.u.dailyLimit] ?? t) + DAY;
      earliestFree = Math.min(earliestFree, Math.max(hourFree, dayFree));
    }
    if (best) {
      best.hour.push(t);
      best.day.push(t);
      return { key: req.key, kind: 'assigned', mailboxId: best.u.id };
    }
    return { key: req.key, kind: 'wait', retryAt: new Date(Math.max(earliestFree, t + 1000)) };
  });
}

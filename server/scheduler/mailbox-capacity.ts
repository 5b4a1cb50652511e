const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Every claim time inside the last 24 hours, any order: the plain form, handy in tests. */
export interface MailboxUsage {
  id: string;
  active: boolean;
  hourlyLimit: number;
  dailyLimit: number;
  claims: Date[];
}

/**
 * One rolling window summed up as far as the cap arithmetic needs it, so a worker reads a few numbers
 * per mailbox instead of every claim of the day (which grows with everything the mailbox sent).
 */
export interface WindowLoad {
  /** Claims inside the window. */
  count: number;
  /**
   * The claim whose ageing out frees the next slot: at or over the cap, the cap-th most recent claim
   * in the window; under it, the oldest one (null when the window is empty).
   */
  anchor: Date | null;
}

export interface MailboxLoad {
  id: string;
  active: boolean;
  hourlyLimit: number;
  dailyLimit: number;
  hour: WindowLoad;
  day: WindowLoad;
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

function windowLoad(sortedTimes: number[], limit: number): WindowLoad {
  const count = sortedTimes.length;
  if (count === 0) return { count, anchor: null };
  const at = count >= limit ? sortedTimes[count - Math.max(limit, 1)] : sortedTimes[0];
  return { count, anchor: new Date(at ?? 0) };
}

/** The summary of a list of claims: what the database computes for a mailbox (see mailbox-load). */
export function loadFromClaims(usage: MailboxUsage, now: Date): MailboxLoad {
  const t = now.getTime();
  const day = usage.claims
    .map((d) => d.getTime())
    .filter((x) => x > t - DAY)
    .sort((a, b) => a - b);
  const hour = day.filter((x) => x > t - HOUR);
  const { claims: _, ...box } = usage;
  return { ...box, hour: windowLoad(hour, usage.hourlyLimit), day: windowLoad(day, usage.dailyLimit) };
}

/**
 * When a full window frees a slot. Claims in the window, oldest first, followed by this batch's own
 * (all at `t`): the slot frees when the claim `limit` places from the end ages out. At or over the
 * cap before the batch, that is the anchor; filled by the batch, it is the oldest claim (the anchor,
 * or one of the batch's own when the window was empty).
 */
function freesAt(load: WindowLoad, limit: number, t: number, span: number): number {
  if (limit <= 0) return t + span;
  return (load.count > 0 && load.anchor ? load.anchor.getTime() : t) + span;
}

/**
 * Rolling-window caps with rotation. Requests are served in the order given (the caller orders by
 * prospect score); each takes the candidate with the most room left today, so rotation spreads load
 * and the least-used mailbox goes first. Counts include this batch's own assignments.
 */
export function assignMailboxes(
  now: Date,
  usage: readonly (MailboxUsage | MailboxLoad)[],
  requests: CapacityRequest[],
): CapacityDecision[] {
  const t = now.getTime();
  const state = new Map(
    usage.map((u) => {
      const load = 'claims' in u ? loadFromClaims(u, now) : u;
      return [u.id, { load, hour: load.hour.count, day: load.day.count }];
    }),
  );
  return requests.map((req) => {
    const candidates = req.mailboxIds.map((id) => state.get(id)).filter((s) => s?.load.active);
    if (candidates.length === 0)
      return { key: req.key, kind: 'no_mailbox', mailboxId: req.mailboxIds[0] ?? null };
    let best: (typeof candidates)[number];
    let bestRoom = 0;
    let earliestFree = Number.POSITIVE_INFINITY;
    for (const s of candidates) {
      if (!s) continue;
      const { hourlyLimit, dailyLimit } = s.load;
      const roomHour = hourlyLimit - s.hour;
      const roomDay = dailyLimit - s.day;
      if (roomHour > 0 && roomDay > 0) {
        if (roomDay > bestRoom) {
          best = s;
          bestRoom = roomDay;
        }
        continue;
      }
      const hourFree = roomHour > 0 ? t : freesAt(s.load.hour, hourlyLimit, t, HOUR);
      const dayFree = roomDay > 0 ? t : freesAt(s.load.day, dailyLimit, t, DAY);
      earliestFree = Math.min(earliestFree, Math.max(hourFree, dayFree));
    }
    if (best) {
      best.hour += 1;
      best.day += 1;
      return { key: req.key, kind: 'assigned', mailboxId: best.load.id };
    }
    return { key: req.key, kind: 'wait', retryAt: new Date(Math.max(earliestFree, t + 1000)) };
  });
}

import { gapAfterClaimMs } from '../../shared/schedule/pacing';

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

/** Why an email waits for its mailbox: the limit that frees last among those holding it. */
export type CapacityWaitReason =
  | 'hourly_limit'
  | 'daily_limit'
  | 'ramp_up'
  | 'min_gap'
  | 'recipient_domain_limit';

/** The pacing settings of a mailbox and the state they read; absent means none of them apply. */
export interface MailboxPacing {
  /** The mailbox's own dailyLimit; the load's dailyLimit is today's cap, lower while ramping up. */
  fullDailyLimit: number;
  minGapSeconds: number;
  /** The earliest moment the next claim may come (the previous claim plus gap and jitter). */
  nextSendAt: Date | null;
  /** The latest retry time already handed to an email waiting for this mailbox (its queue's tail). */
  queuedUntil?: Date | null;
  recipientDomainDailyLimit: number | null;
  /** Claims of the last 24 hours per recipient domain (only the domains this batch sends to). */
  domains: ReadonlyMap<string, WindowLoad>;
}

export interface MailboxLoad {
  id: string;
  active: boolean;
  hourlyLimit: number;
  dailyLimit: number;
  hour: WindowLoad;
  day: WindowLoad;
  pacing?: MailboxPacing;
}

export interface CapacityRequest {
  key: string;
  /** The enrollment's mailboxes, in rotation; one means no rotation. */
  mailboxIds: string[];
  /** The recipient's domain, for per-domain caps. */
  domain?: string | null;
  /**
   * The email already waited for mailbox room and its retry time came: it keeps its place at the head
   * of the queue instead of joining the tail behind emails that started waiting after it.
   */
  returning?: boolean;
}

export type CapacityDecision =
  /** `nextSendAt` is set when the mailbox keeps a gap: the next claim may not come before it. */
  | { key: string; kind: 'assigned'; mailboxId: string; nextSendAt?: Date }
  /**
   * Every candidate is held: try again at `retryAt`, when the earliest of them may send. `queuedOn` is
   * the gap-keeping mailbox whose queue the email joined (its tail moves to `retryAt`).
   */
  | {
      key: string;
      kind: 'wait';
      retryAt: Date;
      reason: CapacityWaitReason;
      detail: string;
      queuedOn?: string;
    }
  /** No candidate can ever send (none given, or all inactive): the guard reports why. */
  | { key: string; kind: 'no_mailbox'; mailboxId: string | null };

export function windowLoad(sortedTimes: number[], limit: number): WindowLoad {
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

interface BoxState {
  load: MailboxLoad;
  hour: number;
  day: number;
  /** Epoch ms before which the gap holds the next claim. */
  nextFree: number;
  domains: Map<string, WindowLoad>;
  /** Epoch ms of the last retry time handed to an email waiting for this mailbox (0: none). */
  tail: number;
  /** Returning emails of this batch told to wait again for this mailbox. */
  requeued: number;
}

function waitDetail(reason: CapacityWaitReason, s: BoxState, domain: string | null | undefined): string {
  const { load } = s;
  switch (reason) {
    case 'hourly_limit':
      return `hourly limit: ${load.hourlyLimit} an hour`;
    case 'daily_limit':
      return `daily limit: ${load.dailyLimit} a day`;
    case 'ramp_up':
      return `ramp-up: ${load.dailyLimit} a day today, growing to ${load.pacing?.fullDailyLimit ?? load.dailyLimit}`;
    case 'min_gap':
      return `minimum gap: ${load.pacing?.minGapSeconds ?? 0} s between sends, plus jitter`;
    case 'recipient_domain_limit':
      return `recipient domain limit: ${load.pacing?.recipientDomainDailyLimit ?? 0} a day to ${domain ?? 'one domain'}`;
  }
}

/** When the candidate may take this request, and the limit that holds it until then; null: now. */
function heldUntil(
  s: BoxState,
  domain: string | null | undefined,
  t: number,
): { at: number; reason: CapacityWaitReason } | null {
  const { hourlyLimit, dailyLimit, pacing } = s.load;
  const holds: { at: number; reason: CapacityWaitReason }[] = [];
  if (hourlyLimit - s.hour <= 0)
    holds.push({ at: freesAt(s.load.hour, hourlyLimit, t, HOUR), reason: 'hourly_limit' });
  if (dailyLimit - s.day <= 0) {
    const ramping = pacing !== undefined && dailyLimit < pacing.fullDailyLimit;
    holds.push({ at: freesAt(s.load.day, dailyLimit, t, DAY), reason: ramping ? 'ramp_up' : 'daily_limit' });
  }
  const domainLimit = pacing?.recipientDomainDailyLimit;
  if (domainLimit != null && domain) {
    const load = s.domains.get(domain) ?? { count: 0, anchor: null };
    if (load.count >= domainLimit)
      holds.push({ at: freesAt(load, domainLimit, t, DAY), reason: 'recipient_domain_limit' });
  }
  if (s.nextFree > t) holds.push({ at: s.nextFree, reason: 'min_gap' });
  if (holds.length === 0) return null;
  return holds.reduce((a, b) => (b.at > a.at ? b : a));
}

/**
 * How far apart the retries of emails queued for one gap-keeping mailbox are: the mean gap with
 * jitter (1.25 gaps). Earlier retries would mostly find the mailbox still held and be deferred again.
 */
function spreadMs(s: BoxState): number {
  return Math.round((s.load.pacing?.minGapSeconds ?? 0) * 1000 * 1.25);
}

/**
 * Whether an email held this way joins the mailbox's queue: only a gap-keeping mailbox keeps one, and
 * only for limits of the whole mailbox (a recipient domain's cap holds that domain's emails alone).
 */
function queues(s: BoxState, reason: CapacityWaitReason): boolean {
  return spreadMs(s) > 0 && reason !== 'recipient_domain_limit';
}

/**
 * When an email held by a gap-keeping mailbox gets its next try. The mailbox keeps a queue: an email
 * starting to wait goes one mean gap after the last retry already handed out (by this batch or an
 * earlier one, on any worker), so a backlog met over several batches drains in the order it was met,
 * best prospect score first. A returning email (its retry came but the mailbox was still held, say by
 * a jitter longer than the mean) keeps its place at the head. With rotation, the wait goes to the
 * candidate whose turn comes first, so a backlog spreads over all of them.
 */
function queuedRetry(s: BoxState, freeAt: number, returning: boolean): number {
  const spread = spreadMs(s);
  if (returning) return freeAt + s.requeued * spread;
  return s.tail > 0 ? Math.max(freeAt, s.tail + spread) : freeAt;
}

function recordClaim(
  s: BoxState,
  domain: string | null | undefined,
  t: number,
  random: () => number,
): number {
  s.hour += 1;
  s.day += 1;
  if (domain && s.load.pacing?.recipientDomainDailyLimit != null) {
    const load = s.domains.get(domain);
    // The batch's own claims are all at t; an empty window's anchor becomes t (see freesAt).
    s.domains.set(domain, { count: (load?.count ?? 0) + 1, anchor: load?.anchor ?? new Date(t) });
  }
  const gap = gapAfterClaimMs(s.load.pacing?.minGapSeconds ?? 0, random);
  if (gap > 0) s.nextFree = t + gap;
  return gap;
}

/**
 * Rolling-window caps with rotation, plus pacing. Requests are served in the order given (the caller
 * orders by prospect score); each takes the candidate with the most room left today, so rotation
 * spreads load and the least-used mailbox goes first. Counts include this batch's own assignments.
 * A mailbox that keeps a gap takes one email per gap; the emails left waiting for it get retry times
 * one mean gap apart after its queue's tail, so a queue drains over the window in order instead of
 * every email coming back at once.
 */
export function assignMailboxes(
  now: Date,
  usage: readonly (MailboxUsage | MailboxLoad)[],
  requests: CapacityRequest[],
  random: () => number = Math.random,
): CapacityDecision[] {
  const t = now.getTime();
  const state = new Map(
    usage.map((u): [string, BoxState] => {
      const load = 'claims' in u ? loadFromClaims(u, now) : u;
      return [
        u.id,
        {
          load,
          hour: load.hour.count,
          day: load.day.count,
          nextFree: load.pacing?.nextSendAt?.getTime() ?? 0,
          domains: new Map(load.pacing?.domains ?? []),
          tail: load.pacing?.queuedUntil?.getTime() ?? 0,
          requeued: 0,
        },
      ];
    }),
  );
  return requests.map((req): CapacityDecision => {
    const candidates = req.mailboxIds
      .map((id) => state.get(id))
      .filter((s): s is BoxState => s?.load.active === true);
    if (candidates.length === 0)
      return { key: req.key, kind: 'no_mailbox', mailboxId: req.mailboxIds[0] ?? null };
    let best: BoxState | undefined;
    let bestRoom = 0;
    let earliest: { at: number; reason: CapacityWaitReason; s: BoxState; queued: boolean } | undefined;
    for (const s of candidates) {
      const held = heldUntil(s, req.domain, t);
      if (!held) {
        const roomDay = s.load.dailyLimit - s.day;
        if (roomDay > bestRoom) {
          best = s;
          bestRoom = roomDay;
        }
        continue;
      }
      const queued = queues(s, held.reason);
      const at = queued ? queuedRetry(s, held.at, req.returning === true) : held.at;
      if (!earliest || at < earliest.at) earliest = { at, reason: held.reason, s, queued };
    }
    if (best) {
      const gap = recordClaim(best, req.domain, t, random);
      return gap > 0
        ? { key: req.key, kind: 'assigned', mailboxId: best.load.id, nextSendAt: new Date(t + gap) }
        : { key: req.key, kind: 'assigned', mailboxId: best.load.id };
    }
    const held = earliest as { at: number; reason: CapacityWaitReason; s: BoxState; queued: boolean };
    const retryAt = Math.max(held.at, t + 1000);
    const wait = {
      key: req.key,
      kind: 'wait' as const,
      retryAt: new Date(retryAt),
      reason: held.reason,
      detail: waitDetail(held.reason, held.s, req.domain),
    };
    if (!held.queued) return wait;
    if (req.returning) held.s.requeued += 1;
    held.s.tail = Math.max(held.s.tail, retryAt);
    return { ...wait, queuedOn: held.s.load.id };
  });
}

/** Where each gap-keeping mailbox's queue now ends: the latest retry time this batch handed out on it. */
export function queueTails(decisions: readonly CapacityDecision[]): Map<string, Date> {
  const tails = new Map<string, Date>();
  for (const d of decisions) {
    if (d.kind !== 'wait' || !d.queuedOn) continue;
    const prev = tails.get(d.queuedOn);
    if (!prev || d.retryAt > prev) tails.set(d.queuedOn, d.retryAt);
  }
  return tails;
}

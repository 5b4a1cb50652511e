/**
 * Sign-in throttling. Every attempt is counted the moment it arrives, before the password is checked,
 * so a burst of parallel guesses is counted in full and cannot all slip past the limit together.
 *
 * Three counts in a sliding window, each with its own answer:
 * - one account from one client: after `maxFailures` that client gets 429 for that account;
 * - one client over all accounts: after `maxClientFailures` it gets 429 (password spraying);
 * - one account over all clients: past `maxFailures` each further attempt is answered more slowly
 *   (doubling up to `maxDelayMs`) but never refused, so guesses from elsewhere cannot lock the
 *   owner out. A client the account signed in from recently skips even the delay.
 *
 * In memory on purpose: a restart forgiving a few attempts is acceptable, and it keeps the hot path
 * free of writes.
 */
export interface LoginKeys {
  /** The address being signed in to, as typed. */
  address: string;
  /** Where the attempt comes from (IP address), or null when unknown. */
  client: string | null;
}

export type LoginAdmission =
  | { ok: false; retryAfterMs: number }
  | {
      ok: true;
      /** How long this attempt was held back before the password check. */
      delayedMs: number;
      /** Call when the password matched: the attempt no longer counts and this client is trusted. */
      succeeded(): void;
    };

export interface LoginLimiter {
  /** Counts the attempt, then refuses it or lets it through (after any delay). */
  admit(keys: LoginKeys, now: Date): Promise<LoginAdmission>;
}

export interface LoginLimiterOptions {
  maxFailures: number;
  windowMs: number;
  /** Failures from one client over every account before it is refused (default 5 × maxFailures). */
  maxClientFailures?: number;
  /** The first delay once an account is past maxFailures; it doubles with each further failure. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a successful sign-in keeps that client exempt from the account's delay. */
  trustMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/* Keys are attacker-chosen (any address, any client): past this many, expired ones are swept. */
const SWEEP_AT = 50_000;

const defaultSleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

class Window {
  private readonly times = new Map<string, number[]>();
  constructor(private readonly windowMs: number) {}

  recent(key: string, now: number): number[] {
    const since = now - this.windowMs;
    const kept = (this.times.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.times.delete(key);
    else this.times.set(key, kept);
    return kept;
  }

  add(key: string, at: number): void {
    const list = this.times.get(key);
    if (list) list.push(at);
    else this.times.set(key, [at]);
  }

  /** Takes back one attempt made at `at` (it succeeded). */
  remove(key: string, at: number): void {
    const list = this.times.get(key);
    const i = list?.lastIndexOf(at) ?? -1;
    if (list && i >= 0) list.splice(i, 1);
  }

  clear(key: string): void {
    this.times.delete(key);
  }

  /** Milliseconds until fewer than `max` attempts remain in the window. */
  waitBelow(list: number[], max: number, now: number): number {
    const oldest = list[list.length - max] ?? now;
    return Math.max(1, oldest + this.windowMs - now);
  }

  sweep(now: number): void {
    if (this.times.size < SWEEP_AT) return;
    for (const key of [...this.times.keys()]) this.recent(key, now);
  }
}

export function createLoginLimiter(opts: LoginLimiterOptions): LoginLimiter {
  const maxClientFailures = opts.maxClientFailures ?? opts.maxFailures * 5;
  const baseDelayMs = opts.baseDelayMs ?? 500;
  const maxDelayMs = opts.maxDelayMs ?? 15_000;
  const trustMs = opts.trustMs ?? 30 * 24 * 3600_000;
  const sleep = opts.sleep ?? defaultSleep;
  const window = new Window(opts.windowMs);
  const trusted = new Map<string, number>();

  return {
    async admit(keys, nowDate) {
      const now = nowDate.getTime();
      window.sweep(now);
      if (trusted.size >= SWEEP_AT) {
        for (const [k, at] of trusted) if (at + trustMs <= now) trusted.delete(k);
      }
      const address = keys.address.trim().toLowerCase();
      const client = keys.client ?? 'unknown';
      const pairKey = `pair:${address}|${client}`;
      const clientKey = `client:${client}`;
      const accountKey = `account:${address}`;

      const pair = window.recent(pairKey, now);
      if (pair.length >= opts.maxFailures) {
        return { ok: false, retryAfterMs: window.waitBelow(pair, opts.maxFailures, now) };
      }
      const fromClient = window.recent(clientKey, now);
      if (fromClient.length >= maxClientFailures) {
        return { ok: false, retryAfterMs: window.waitBelow(fromClient, maxClientFailures, now) };
      }
      const earlier = window.recent(accountKey, now).length;
      // Counted now, before any await: parallel attempts each see the ones before them.
      window.add(pairKey, now);
      window.add(clientKey, now);
      window.add(accountKey, now);

      const trustedAt = trusted.get(pairKey);
      const isTrusted = trustedAt !== undefined && trustedAt + trustMs > now;
      const excess = earlier - opts.maxFailures;
      const delayedMs =
        isTrusted || excess < 0 ? 0 : Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(excess, 30));
      if (delayedMs > 0) await sleep(delayedMs);
      return {
        ok: true,
        delayedMs,
        succeeded() {
          // The account's count keeps other clients' failures: a sign-in by the owner does not
          // hand an attacker elsewhere a fresh set of fast guesses.
          window.clear(pairKey);
          window.remove(clientKey, now);
          window.remove(accountKey, now);
          trusted.set(pairKey, now);
        },
      };
    },
  };
}

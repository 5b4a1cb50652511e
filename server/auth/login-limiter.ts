/**
 * Counts failed logins per key (address and client) in a sliding window. In memory on purpose: a
 * restart forgiving a few attempts is acceptable, and it keeps the hot path free of writes.
 */
export interface LoginLimiter {
  /** Milliseconds until the key may try again, or 0 when it may try now. */
  blockedFor(key: string, now: Date): number;
  recordFailure(key: string, now: Date): void;
  reset(key: string): void;
}

export function createLoginLimiter(opts: { maxFailures: number; windowMs: number }): LoginLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: Date) => {
    const since = now.getTime() - opts.windowMs;
    const kept = (failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  return {
    blockedFor(key, now) {
      const list = recent(key, now);
      if (list.length < opts.maxFailures) return 0;
      const oldest = list[list.length - opts.maxFailures] ?? now.getTime();
      return Math.max(0, oldest + opts.windowMs - now.getTime());
    },
    recordFailure(key, now) {
      const list = recent(key, now);
      list.push(now.getTime());
      failures.set(key, list);
    },
    reset(key) {
      failures.delete(key);
    },
  };
}

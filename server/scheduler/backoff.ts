export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  /** The provider's own Retry-After wins when it asks for longer than our backoff. */
  retryAfterMs?: number | undefined;
  /** A number in [0, 1); injected so tests are deterministic. */
  random: () => number;
}

/**
 * Capped exponential backoff with "full jitter" (AWS architecture blog): many workers retrying the same
 * provider spread out instead of hammering it in lockstep. `attempt` counts from 1.
 */
export function retryDelayMs(attempt: number, opts: BackoffOptions): number {
  const exp = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(exp / 2 + (opts.random() * exp) / 2);
  return Math.max(jittered, Math.min(opts.retryAfterMs ?? 0, opts.capMs * 4));
}

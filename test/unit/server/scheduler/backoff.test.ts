import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../../server/scheduler/backoff';

const opts = { baseMs: 1000, capMs: 60_000 };

describe('retryDelayMs', () => {
  it.each([
    [1, 0, 500],
    [1, 0.999_999, 999],
    [2, 0, 1000],
    [4, 0.5, 6000],
    [10, 0, 30_000],
    [30, 0.999_999, 59_999],
  ])('attempt %i with random %f waits %i ms', (attempt, r, expected) => {
    expect(retryDelayMs(attempt, { ...opts, random: () => r })).toBe(expected);
  });

  it('grows with attempts but never past the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((a) => retryDelayMs(a, { ...opts, random: () => 0.5 }));
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(Math.max(...delays)).toBeLessThanOrEqual(opts.capMs);
  });

  it("honours the provider's Retry-After when it is longer than our backoff", () => {
    expect(retryDelayMs(1, { ...opts, random: () => 0, retryAfterMs: 120_000 })).toBe(120_000);
    expect(retryDelayMs(6, { ...opts, random: () => 0, retryAfterMs: 1 })).toBe(16_000);
  });

  it('bounds an absurd Retry-After so a provider cannot park a send for days', () => {
    expect(retryDelayMs(1, { ...opts, random: () => 0, retryAfterMs: 10 * 86_400_000 })).toBe(240_000);
  });
});

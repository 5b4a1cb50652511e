import { describe, expect, it } from 'vitest';
import { assignmentPoint, pickVariant, variantById } from '../../../../shared/variants/pick-variant';

/** Ids shaped like the server's: a time part shared by a bulk enrollment and a random tail. */
const enrollmentIds = (n: number) =>
  Array.from({ length: n }, (_, i) => `enr_0mfz3k2a1${i.toString(16).padStart(16, '0')}`);

const share = (ids: string[], pick: (id: string) => string | undefined, id: string) =>
  ids.filter((e) => pick(e) === id).length / ids.length;

describe('pickVariant', () => {
  const ab = [
    { id: 'a', weight: 1 },
    { id: 'b', weight: 1 },
  ];

  it('gives the same enrollment the same variant at the same step, every time', () => {
    for (const e of enrollmentIds(200)) {
      const first = pickVariant(ab, e, 'step_1')?.id;
      expect(pickVariant(ab, e, 'step_1')?.id).toBe(first);
      // A copy of the list (as read back from the database) picks the same one too.
      expect(pickVariant(structuredClone(ab), e, 'step_1')?.id).toBe(first);
    }
  });

  it('keeps the assignment point inside [0, 1)', () => {
    for (const e of enrollmentIds(1000)) {
      const p = assignmentPoint(e, 's');
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(1);
    }
  });

  it('respects the weights within statistical bounds, for sequential ids', () => {
    const n = 20_000;
    const ids = enrollmentIds(n);
    const weighted = [
      { id: 'a', weight: 1 },
      { id: 'b', weight: 3 },
    ];
    const pick = (e: string) => pickVariant(weighted, e, 'step_7')?.id;
    // Binomial: sd = sqrt(p(1-p)/n) ≈ 0.0031 for p = 0.25; 5 sd leaves no room for a flaky run.
    const bound = 5 * Math.sqrt((0.25 * 0.75) / n);
    expect(Math.abs(share(ids, pick, 'a') - 0.25)).toBeLessThan(bound);
    expect(Math.abs(share(ids, pick, 'b') - 0.75)).toBeLessThan(bound);
  });

  it('defaults missing weights to 1 and splits three ways evenly (chi-square below the 0.1% critical value)', () => {
    const n = 30_000;
    const ids = enrollmentIds(n);
    const three = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const counts = { a: 0, b: 0, c: 0 } as Record<string, number>;
    for (const e of ids) counts[pickVariant(three, e, 'step_x')?.id as string]! += 1;
    const expected = n / 3;
    const chi2 = Object.values(counts).reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
    // 2 degrees of freedom: P(chi2 > 13.82) = 0.001.
    expect(chi2).toBeLessThan(13.82);
  });

  it('assigns independently per step: the variant at one step says nothing about the next', () => {
    const ids = enrollmentIds(10_000);
    const both = ids.filter(
      (e) => pickVariant(ab, e, 's1')?.id === 'a' && pickVariant(ab, e, 's2')?.id === 'a',
    );
    expect(Math.abs(both.length / ids.length - 0.25)).toBeLessThan(5 * Math.sqrt((0.25 * 0.75) / ids.length));
  });

  it('gives a paused variant no new enrollments, and the others keep theirs', () => {
    const ids = enrollmentIds(2000);
    const paused = [
      { id: 'a', weight: 1, active: true },
      { id: 'b', weight: 1, active: false },
    ];
    expect(ids.every((e) => pickVariant(paused, e, 's')?.id === 'a')).toBe(true);
    const three = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const withoutC = [{ id: 'a' }, { id: 'b' }, { id: 'c', active: false }];
    // Pausing the last variant moves only its own share: everyone on a or b stays where they were.
    for (const e of ids) {
      const before = pickVariant(three, e, 's')?.id;
      if (before !== 'c') expect(pickVariant(withoutC, e, 's')?.id).toBe(before);
    }
  });

  it('answers null when the step has no variant or every one is paused', () => {
    expect(pickVariant([], 'e', 's')).toBeNull();
    expect(pickVariant(undefined, 'e', 's')).toBeNull();
    expect(pickVariant([{ id: 'a', active: false }], 'e', 's')).toBeNull();
  });

  it('finds a stored variant by id and nothing for a removed one', () => {
    expect(variantById(ab, 'b')).toEqual({ id: 'b', weight: 1 });
    expect(variantById(ab, 'gone')).toBeUndefined();
    expect(variantById(ab, null)).toBeUndefined();
  });
});

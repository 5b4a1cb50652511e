import { describe, expect, it } from 'vitest';
import type { VariantStats } from '../../../../shared/schemas/sequence-report';
import {
  compareRates,
  fisherExactTest,
  normalCdf,
  twoProportionZTest,
} from '../../../../shared/stats/significance';
import { variantVerdict } from '../../../../shared/stats/variant-verdict';

describe('significance tests against known values', () => {
  it('normal CDF matches the tables', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-2.575829)).toBeCloseTo(0.005, 6);
  });

  // R: prop.test(c(30, 50), c(100, 100), correct = FALSE) → X-squared = 8.3333, p-value = 0.003892
  it('two-proportion z-test: 30/100 against 50/100', () => {
    const r = twoProportionZTest(30, 100, 50, 100);
    expect(r.z).toBeCloseTo(-2.886751, 5);
    expect(r.pValue).toBeCloseTo(0.003892, 6);
  });

  // R: prop.test(c(45, 30), c(500, 500), correct = FALSE) → X-squared = 3.2432, p-value = 0.07172
  it('two-proportion z-test: 45/500 against 30/500 is not significant', () => {
    const r = twoProportionZTest(45, 500, 30, 500);
    expect((r.z ?? 0) ** 2).toBeCloseTo(3.2432, 4);
    expect(r.pValue).toBeCloseTo(0.07172, 5);
  });

  // R: fisher.test(matrix(c(3, 1, 1, 3), 2)) → 0.4857 (the lady tasting tea);
  // fisher.test(matrix(c(1, 11, 9, 3), 2)) → 0.002759; fisher.test(matrix(c(9, 2, 1, 8), 2)) → 0.005477.
  it.each([
    [3, 1, 1, 3, 0.485714],
    [1, 9, 11, 3, 0.002759],
    [9, 1, 2, 8, 0.005477],
    [0, 10, 10, 0, 1 / 92378],
  ])('Fisher exact test on [[%i, %i], [%i, %i]] is p = %f', (a, b, c, d, p) => {
    expect(fisherExactTest(a, b, c, d).pValue).toBeCloseTo(p, 6);
  });

  it('uses Fisher when an expected cell is under 5, the z-test otherwise', () => {
    expect(compareRates(2, 10, 9, 10).test).toBe('fisher_exact_test');
    expect(compareRates(2, 10, 9, 10).pValue).toBeCloseTo(0.005477, 6);
    expect(compareRates(30, 100, 50, 100).test).toBe('two_proportion_z_test');
    // Few replies among many sends: the expected replies are under 5, so Fisher again.
    expect(compareRates(1, 200, 6, 200).test).toBe('fisher_exact_test');
    expect(compareRates(0, 0, 0, 0).pValue).toBe(1);
  });
});

const row = (variantId: string, label: string, sent: number, replied: number): VariantStats => ({
  variantId,
  label,
  sent,
  replied,
  clicked: 0,
  clicks: 0,
  bounced: 0,
  unsubscribed: 0,
  replyRate: sent > 0 ? replied / sent : 0,
});

describe('variantVerdict', () => {
  it('names the winner, the test and the p-value when the difference is significant', () => {
    const v = variantVerdict([row('a', 'Variant A', 100, 30), row('b', 'Variant B', 100, 50)]);
    expect(v).toEqual({
      winnerId: 'b',
      test: 'two_proportion_z_test',
      pValue: expect.closeTo(0.003892, 6),
      text:
        "Variant B gets more replies: 50.0% of 100 sent, against Variant A's 30.0%. " +
        'The difference is unlikely to be chance (two-proportion z-test, p = 0.004).',
    });
  });

  it("says Fisher's exact test for small counts", () => {
    const v = variantVerdict([row('a', 'Variant A', 10, 2), row('b', 'Variant B', 10, 9)]);
    expect(v?.winnerId).toBe('b');
    expect(v?.text).toContain("Fisher's exact test, p = 0.005");
  });

  it('says nothing while the difference may be chance, or with one version tried', () => {
    expect(variantVerdict([row('a', 'Variant A', 100, 10), row('b', 'Variant B', 100, 12)])).toBeUndefined();
    expect(variantVerdict([row('a', 'Variant A', 100, 10), row('b', 'Variant B', 0, 0)])).toBeUndefined();
  });

  it('with three versions, speaks only when the best beats each of the others', () => {
    const clear = variantVerdict([
      row('a', 'Variant A', 200, 20),
      row('b', 'Variant B', 200, 60),
      row('c', 'Variant C', 200, 25),
    ]);
    expect(clear?.winnerId).toBe('b');
    expect(clear?.text).toContain('every other version (next best: Variant C, 12.5%)');
    expect(
      variantVerdict([
        row('a', 'Variant A', 200, 20),
        row('b', 'Variant B', 200, 60),
        row('c', 'Variant C', 200, 55),
      ]),
    ).toBeUndefined();
  });
});

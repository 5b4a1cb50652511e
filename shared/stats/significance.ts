/**
 * Significance of a difference between two rates (replies per email sent). Two tests, chosen the way
 * a statistician would: the two-proportion z-test when every expected cell of the 2×2 table holds at
 * least 5, and Fisher's exact test otherwise, where the normal approximation is not to be trusted.
 */

export type RateTest = 'two_proportion_z_test' | 'fisher_exact_test';

export interface RateComparison {
  test: RateTest;
  /** Two-sided p-value. */
  pValue: number;
  /** The z statistic, for the z-test only. */
  z?: number;
}

/** Complementary error function, Numerical Recipes' erfcc: fractional error below 1.2e-7 everywhere. */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** P(Z ≤ z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Pooled two-proportion z-test, two-sided. `x` successes out of `n` trials in each group. */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): RateComparison {
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (n1 === 0 || n2 === 0 || se === 0) return { test: 'two_proportion_z_test', pValue: 1, z: 0 };
  const z = (x1 / n1 - x2 / n2) / se;
  return { test: 'two_proportion_z_test', pValue: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))), z };
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++)
    logFactorials[i] = (logFactorials[i - 1] as number) + Math.log(i);
  return logFactorials[n] as number;
}

/**
 * Fisher's exact test on the table [[a, b], [c, d]], two-sided as R's fisher.test computes it: the
 * sum of the probabilities of every table with the same margins that is no more likely than this one.
 */
export function fisherExactTest(a: number, b: number, c: number, d: number): RateComparison {
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  const logP = (x: number) =>
    logFactorial(row1) +
    logFactorial(n - row1) +
    logFactorial(col1) +
    logFactorial(n - col1) -
    logFactorial(n) -
    logFactorial(x) -
    logFactorial(row1 - x) -
    logFactorial(col1 - x) -
    logFactorial(n - row1 - col1 + x);
  const observed = logP(a);
  let p = 0;
  for (let x = Math.max(0, row1 + col1 - n); x <= Math.min(row1, col1); x++) {
    const lp = logP(x);
    // The relative tolerance R uses, so tables as likely as the observed one count despite rounding.
    if (lp <= observed + 1e-7) p += Math.exp(lp);
  }
  return { test: 'fisher_exact_test', pValue: Math.min(1, p) };
}

/**
 * Compares x1/n1 with x2/n2 with the test that fits the counts: Fisher's exact test when any expected
 * cell is under 5, the two-proportion z-test otherwise.
 */
export function compareRates(x1: number, n1: number, x2: number, n2: number): RateComparison {
  const n = n1 + n2;
  const successes = x1 + x2;
  const expected = [n1, n2].flatMap((rows) => [(rows * successes) / n, (rows * (n - successes)) / n]);
  if (n === 0 || expected.some((e) => e < 5)) return fisherExactTest(x1, n1 - x1, x2, n2 - x2);
  return twoProportionZTest(x1, n1, x2, n2);
}

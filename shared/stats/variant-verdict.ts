import type { VariantStats, VariantVerdict } from '../schemas/sequence-report';
import { compareRates, type RateTest } from './significance';

/** The level below which a difference in reply rate is called significant. */
export const SIGNIFICANCE_LEVEL = 0.05;

const TEST_NAME: Record<RateTest, string> = {
  two_proportion_z_test: 'two-proportion z-test',
  fisher_exact_test: "Fisher's exact test",
};

const percent = (r: number) => `${(r * 100).toFixed(1)}%`;
const pText = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

/**
 * A plain-language verdict on a step's versions, only when the version with the best reply rate beats
 * every other one significantly. Nothing acts on it: a person decides, by pausing the others.
 */
export function variantVerdict(rows: readonly VariantStats[]): VariantVerdict | undefined {
  const tried = rows.filter((r) => r.sent > 0);
  if (tried.length < 2) return undefined;
  const [best, ...others] = [...tried].sort((a, b) => b.replyRate - a.replyRate || b.sent - a.sent);
  if (!best) return undefined;
  const comparisons = others.map((o) => ({ o, c: compareRates(best.replied, best.sent, o.replied, o.sent) }));
  if (comparisons.some(({ o, c }) => o.replyRate >= best.replyRate || c.pValue >= SIGNIFICANCE_LEVEL)) {
    return undefined;
  }
  // The weakest of the comparisons is the one the claim rests on.
  const weakest = comparisons.reduce((a, b) => (b.c.pValue > a.c.pValue ? b : a));
  const { o, c } = weakest;
  const rest =
    others.length === 1
      ? `${o.label}'s ${percent(o.replyRate)}`
      : `every other version (next best: ${o.label}, ${percent(o.replyRate)})`;
  return {
    winnerId: best.variantId,
    test: c.test,
    pValue: c.pValue,
    text:
      `${best.label} gets more replies: ${percent(best.replyRate)} of ${best.sent} sent, against ${rest}. ` +
      `The difference is unlikely to be chance (${TEST_NAME[c.test]}, ${pText(c.pValue)}).`,
  };
}

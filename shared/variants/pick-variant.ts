/**
 * Which A/B variant of a step an enrollment gets. Pure and deterministic: the same enrollment and
 * step always land on the same variant while the set of active variants and their weights stay the
 * same, so a replan or a retry never switches the text a contact sees.
 */

export interface WeightedVariant {
  id: string;
  weight?: number | undefined;
  active?: boolean | undefined;
}

/**
 * cyrb53: a small, well-mixed 53-bit string hash. Neighbouring ids (enr_…a, enr_…b) spread over the
 * whole range, which a plain FNV or sum would not do, so the weights hold for sequential ids too.
 */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A number in [0, 1) fixed by the enrollment and the step. */
export function assignmentPoint(enrollmentId: string, stepId: string): number {
  return hash53(`${enrollmentId}\u0000${stepId}`) / 2 ** 53;
}

const weightOf = (v: WeightedVariant) => (v.weight !== undefined && v.weight > 0 ? v.weight : 1);

/**
 * The variant for this enrollment at this step, or null when the step has no active variant (then
 * the step's own subject and body go out). Paused variants take no new enrollments.
 *
 * Weighted rendezvous hashing: each variant draws its own point for the enrollment and scores
 * -ln(point) / weight (an exponential draw with rate = weight); the lowest score wins, which happens
 * with probability weight / total. Pausing, removing or adding a variant moves only the enrollments
 * that variant wins or loses: everyone else keeps the text they were getting.
 */
export function pickVariant<V extends WeightedVariant>(
  variants: readonly V[] | null | undefined,
  enrollmentId: string,
  stepId: string,
): V | null {
  let best: V | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const v of variants ?? []) {
    if (v.active === false) continue;
    // 1 - point lies in (0, 1], so the logarithm is finite.
    const score = -Math.log(1 - assignmentPoint(enrollmentId, `${stepId}\u0000${v.id}`)) / weightOf(v);
    if (score < bestScore) {
      best = v;
      bestScore = score;
    }
  }
  return best;
}

/** The variant an email was assigned, by id; undefined when it was removed from the step since. */
export function variantById<V extends { id: string }>(
  variants: readonly V[] | null | undefined,
  id: string | null | undefined,
): V | undefined {
  if (!id) return undefined;
  return (variants ?? []).find((v) => v.id === id);
}

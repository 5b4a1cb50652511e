import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { StepReport, VariantStats } from '../../../shared/schemas/sequence-report';
import { variantVerdict } from '../../../shared/stats/variant-verdict';
import type { Db } from '../../db/client';
import { reportVariantCounts, steps } from '../../db/schema';

const EMAIL_STEPS = ['auto_email', 'manual_email'] as const;

/** Per step and variant, as the report needs them; variantId null is the step's own text. */
export interface VariantCounts {
  stepId: string;
  variantId: string | null;
  sent: number;
  replied: number;
  clicked: number;
  clicks: number;
  bounced: number;
  unsubscribed: number;
}

/** The sequence's email steps in order; the report covers only those. */
export function emailStepsOf(db: Db, sequenceId: string) {
  return db
    .select({ id: steps.id, position: steps.position, variants: steps.variants })
    .from(steps)
    .where(and(eq(steps.sequenceId, sequenceId), inArray(steps.type, [...EMAIL_STEPS])))
    .orderBy(asc(steps.position));
}

/**
 * Sent emails counted per step and variant, from the rollup the triggers keep (schema-reports.ts):
 * replies and unsubscribes count for the email they answered (an activity names it); clicks are the
 * human ones the tracker counted, never bot clicks.
 */
export async function variantCounts(db: Db, stepIds: string[]): Promise<VariantCounts[]> {
  const v = reportVariantCounts;
  const rows = await db
    .select({
      stepId: v.stepId,
      variantId: v.variantId,
      sent: sql<number>`sum(${v.sent})::int`,
      replied: sql<number>`sum(${v.replied})::int`,
      clicked: sql<number>`sum(${v.clicked})::int`,
      clicks: sql<number>`sum(${v.clicks})::int`,
      bounced: sql<number>`sum(${v.bounced})::int`,
      unsubscribed: sql<number>`sum(${v.unsubscribed})::int`,
    })
    .from(v)
    .where(inArray(v.stepId, stepIds))
    .groupBy(v.stepId, v.variantId);
  return rows
    .filter((r) => Number(r.sent) > 0)
    .map((r) => ({
      stepId: r.stepId,
      variantId: r.variantId === '' ? null : r.variantId,
      sent: Number(r.sent),
      replied: Number(r.replied),
      clicked: Number(r.clicked),
      clicks: Number(r.clicks),
      bounced: Number(r.bounced),
      unsubscribed: Number(r.unsubscribed),
    }));
}

/** Sent emails of the sequence's email steps, per step and per A/B variant. The caller has checked access. */
export async function variantReport(db: Db, sequenceId: string): Promise<StepReport[]> {
  const stepRows = await emailStepsOf(db, sequenceId);
  if (stepRows.length === 0) return [];
  return stepReports(
    stepRows,
    await variantCounts(
      db,
      stepRows.map((s) => s.id),
    ),
  );
}

/** Labels, removed variants and the verdict around the counts; no database. */
export function stepReports(
  stepRows: { id: string; position: number; variants: { id: string; active: boolean }[] | null }[],
  counts: VariantCounts[],
): StepReport[] {
  return stepRows.map((step) => {
    const mine = counts.filter((c) => c.stepId === step.id);
    const byVariant = new Map(mine.map((c) => [c.variantId, c]));
    const stats = (
      variantId: string | null,
      label: string,
      extra: Partial<VariantStats> = {},
    ): VariantStats => {
      const c = byVariant.get(variantId);
      const sent = Number(c?.sent ?? 0);
      const replied = Number(c?.replied ?? 0);
      return {
        variantId,
        label,
        ...extra,
        sent,
        replied,
        clicked: Number(c?.clicked ?? 0),
        clicks: Number(c?.clicks ?? 0),
        bounced: Number(c?.bounced ?? 0),
        unsubscribed: Number(c?.unsubscribed ?? 0),
        replyRate: sent > 0 ? replied / sent : 0,
      };
    };
    const current = step.variants ?? [];
    const known = new Set(current.map((v) => v.id));
    const rows: VariantStats[] = [];
    // Emails sent with the step's own text: before variants existed, or while all were paused.
    if (current.length === 0 || byVariant.has(null)) rows.push(stats(null, 'Step text'));
    current.forEach((v, i) => {
      rows.push(stats(v.id, `Variant ${String.fromCharCode(65 + i)}`, { active: v.active }));
    });
    let removed = 0;
    for (const c of mine) {
      if (c.variantId === null || known.has(c.variantId)) continue;
      removed += 1;
      rows.push(stats(c.variantId, `Removed variant ${removed}`, { removed: true }));
    }
    const verdict = variantVerdict(rows);
    return { stepId: step.id, position: step.position, variants: rows, ...(verdict && { verdict }) };
  });
}

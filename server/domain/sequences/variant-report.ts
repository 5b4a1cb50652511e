import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { StepReport, VariantStats } from '../../../shared/schemas/sequence-report';
import { variantVerdict } from '../../../shared/stats/variant-verdict';
import type { Db } from '../../db/client';
import { emails, steps } from '../../db/schema';

const EMAIL_STEPS = ['auto_email', 'manual_email'] as const;

/** An activity of `kind` naming this very email; found through the contact index. */
const emailHas = (kind: string) =>
  sql`exists (select 1 from activities a where a.contact_id = ${emails.contactId} and a.email_id = ${emails.id} and a.kind = ${kind})`;

/**
 * Sent emails of the sequence's email steps, counted per step and per A/B variant. Replies and
 * unsubscribes count for the email they answered (the activity names it); clicks are the human ones
 * the tracker counted, never bot clicks. The caller has checked access.
 */
export async function variantReport(db: Db, sequenceId: string): Promise<StepReport[]> {
  const stepRows = await db
    .select({ id: steps.id, position: steps.position, variants: steps.variants })
    .from(steps)
    .where(and(eq(steps.sequenceId, sequenceId), inArray(steps.type, [...EMAIL_STEPS])))
    .orderBy(asc(steps.position));
  if (stepRows.length === 0) return [];
  const counts = await db
    .select({
      stepId: emails.stepId,
      variantId: emails.variantId,
      sent: sql<number>`count(*)::int`,
      replied: sql<number>`(count(*) filter (where ${emailHas('email.replied')}))::int`,
      clicked: sql<number>`(count(*) filter (where ${emails.clicks} > 0))::int`,
      clicks: sql<number>`coalesce(sum(${emails.clicks}), 0)::int`,
      bounced: sql<number>`(count(*) filter (where ${emails.status} = 'bounced'))::int`,
      unsubscribed: sql<number>`(count(*) filter (where ${emailHas('contact.unsubscribed')}))::int`,
    })
    .from(emails)
    .where(
      and(
        inArray(
          emails.stepId,
          stepRows.map((s) => s.id),
        ),
        isNotNull(emails.sentAt),
      ),
    )
    .groupBy(emails.stepId, emails.variantId);

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

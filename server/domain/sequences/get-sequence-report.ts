import type { SequenceReport } from '../../../shared/schemas/sequence-report';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { sequenceReport } from './report';
import { variantReport } from './variant-report';

/** The report of a sequence the actor may view; days are counted in `tz`, UTC when not given. */
export async function getSequenceReport(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  id: string,
  q: { tz?: string | undefined; days: number },
): Promise<SequenceReport> {
  // sequenceReport checks access (404 for a sequence the actor may not view) before any step is read.
  const report = await sequenceReport(db, actor, id, { timezone: q.tz ?? 'UTC', days: q.days, now });
  // Until an email has gone out there is nothing to break down, and the field stays out.
  return report.emailsSent > 0 ? { ...report, steps: await variantReport(db, id) } : report;
}

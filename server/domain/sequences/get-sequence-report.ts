import type { SequenceReport } from '../../../shared/schemas/sequence-report';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { sequenceReport } from './report';

/** The report of a sequence the actor may view; days are counted in `tz`, UTC when not given. */
export async function getSequenceReport(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  id: string,
  q: { tz?: string | undefined; days: number },
): Promise<SequenceReport> {
  return sequenceReport(db, actor, id, { timezone: q.tz ?? 'UTC', days: q.days, now });
}

import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { type SequenceWithCounts, sequenceView } from './read';
import { cloneSequence as writeClone } from './write';

/** A copy of a sequence the actor may view: same steps, schedule and ruleset; inactive; no contacts. */
export async function cloneSequence(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  id: string,
): Promise<SequenceWithCounts> {
  const copyId = await writeClone(db, actor, id, now);
  return sequenceView(db, actor, copyId);
}

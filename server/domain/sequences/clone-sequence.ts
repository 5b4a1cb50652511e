import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { type SequenceWithCounts, sequenceView } from './read';
import { copySequenceRows } from './write';

/** A copy of a sequence the actor may view: same steps, schedule and ruleset; inactive; no contacts. */
export async function cloneSequence(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  id: string,
): Promise<SequenceWithCounts> {
  const copyId = await copySequenceRows(db, actor, id, now);
  return sequenceView(db, actor, copyId);
}

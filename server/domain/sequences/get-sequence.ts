import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { type SequenceWithCounts, sequenceView } from './read';

/** A sequence the actor may view, with its steps and enrollment counts. */
export async function getSequence({ db }: { db: Db }, actor: Actor, id: string): Promise<SequenceWithCounts> {
  return sequenceView(db, actor, id);
}

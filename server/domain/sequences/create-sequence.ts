import type { z } from 'zod';
import type { createSequenceSchema } from '../../../shared/schemas/sequence';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { type SequenceWithCounts, sequenceView } from './read';
import { insertSequence } from './write';

/** A new sequence with its steps, answered as the actor now sees it. */
export async function createSequence(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  input: z.infer<typeof createSequenceSchema>,
): Promise<SequenceWithCounts> {
  const id = await insertSequence(db, actor, input, now);
  return sequenceView(db, actor, id);
}

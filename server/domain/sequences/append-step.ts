import type { z } from 'zod';
import type { stepInputSchema } from '../../../shared/schemas/sequence';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { type SequenceWithCounts, sequenceView } from './read';
import { insertStep } from './write';

/** Adds a step at the end of a sequence the actor may edit; answers the whole sequence. */
export async function appendStep(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  id: string,
  step: z.infer<typeof stepInputSchema>,
): Promise<SequenceWithCounts> {
  await insertStep(db, actor, id, step, now);
  return sequenceView(db, actor, id);
}

import type { z } from 'zod';
import type { patchSequenceSchema } from '../../../shared/schemas/sequence';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { type SequenceWithCounts, sequenceView } from './read';
import { updateSequenceRow } from './write';

/** Changes a sequence the actor may edit; answers the sequence as it now is. */
export async function patchSequence(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  id: string,
  patch: z.infer<typeof patchSequenceSchema>,
): Promise<SequenceWithCounts> {
  await updateSequenceRow(db, actor, id, patch, now);
  return sequenceView(db, actor, id);
}

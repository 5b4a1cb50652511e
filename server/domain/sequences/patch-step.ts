import type { z } from 'zod';
import type { patchStepSchema } from '../../../shared/schemas/sequence';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { type SequenceWithCounts, sequenceView } from './read';
import { updateStepRow } from './write';

/** Changes one step of a sequence the actor may edit; answers the whole sequence. */
export async function patchStep(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  ids: { id: string; stepId: string },
  patch: z.infer<typeof patchStepSchema>,
): Promise<SequenceWithCounts> {
  await updateStepRow(db, actor, ids.id, ids.stepId, patch, now);
  return sequenceView(db, actor, ids.id);
}

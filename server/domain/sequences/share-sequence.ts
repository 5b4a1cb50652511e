import type { z } from 'zod';
import type { shareSequenceSchema } from '../../../shared/schemas/sequence';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { deleteSequenceShare, type ShareEntry, upsertSequenceShare } from './write';

/** Shares a sequence the actor owns with a teammate; answers everyone it is shared with. */
export async function shareSequence(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  id: string,
  input: z.infer<typeof shareSequenceSchema>,
): Promise<{ shares: ShareEntry[] }> {
  return { shares: await upsertSequenceShare(db, actor, id, input, now) };
}

/** Stops sharing a sequence the actor owns with one user; answers everyone it is still shared with. */
export async function unshareSequence(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  ids: { id: string; userId: string },
): Promise<{ shares: ShareEntry[] }> {
  return { shares: await deleteSequenceShare(db, actor, ids.id, ids.userId, now) };
}

import type { ChangesPage } from '../../../shared/schemas/changes';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { readChanges } from './change-feed';

/** The delta feed from `cursor` (a change number as text; none means from the beginning). */
export function listChanges(
  { db }: { db: Db },
  actor: Actor,
  q: { cursor?: string; limit: number },
): Promise<ChangesPage> {
  return readChanges(db, actor, q.cursor ? Number(q.cursor) : 0, q.limit);
}

import type { ObserveResult, ObserveThreadBody } from '../../../shared/schemas/observe';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { stripUnsafeText } from '../unsafe-text';
import { observeThread } from './observe-thread';

/**
 * A thread as the extension read it from the page. Mail is what the page showed: a stray NUL or half
 * a surrogate pair is dropped, not refused, so the rest of the report still counts.
 */
export function reportThread(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  body: ObserveThreadBody,
): Promise<ObserveResult> {
  return observeThread(db, actor, stripUnsafeText(body), now);
}

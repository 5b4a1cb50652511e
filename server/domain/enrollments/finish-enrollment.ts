import type { Enrollment, FinishReason } from '../../../shared/schemas/enrollment';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { loadEnrollmentFor } from './access';
import { visibleEnrollmentDto } from './enrollment-view';
import { finishEnrollmentRow } from './lifecycle';

/** Finishes an enrollment the actor may edit, for the reason given. */
export async function finishEnrollment(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  id: string,
  input: { reason: FinishReason },
): Promise<Enrollment> {
  await loadEnrollmentFor(db, actor, id, 'edit');
  const row = await db.transaction((tx) =>
    finishEnrollmentRow(tx, id, { now, actorId: actor.id, reason: input.reason }),
  );
  return visibleEnrollmentDto(db, actor, row);
}

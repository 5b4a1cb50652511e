import type { Enrollment } from '../../../shared/schemas/enrollment';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { loadEnrollmentFor } from './access';
import { visibleEnrollmentDto } from './enrollment-view';
import { resumeEnrollmentRow } from './lifecycle';

/** Resumes a paused enrollment the actor may edit. */
export async function resumeEnrollment(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  id: string,
): Promise<Enrollment> {
  await loadEnrollmentFor(db, actor, id, 'edit');
  const row = await db.transaction((tx) => resumeEnrollmentRow(tx, id, { now, actorId: actor.id }));
  return visibleEnrollmentDto(db, actor, row);
}

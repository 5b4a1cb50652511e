import type { Enrollment } from '../../../shared/schemas/enrollment';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { loadEnrollmentFor } from './access';
import { visibleEnrollmentDto } from './enrollment-view';
import { pauseEnrollmentRow } from './lifecycle';

/** Pauses an enrollment the actor may edit, until `resumeAt` or, without one, until someone resumes. */
export async function pauseEnrollment(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  id: string,
  input: { resumeAt?: string | undefined },
): Promise<Enrollment> {
  await loadEnrollmentFor(db, actor, id, 'edit');
  const resumeAt = input.resumeAt ? new Date(input.resumeAt) : null;
  const row = await db.transaction((tx) => pauseEnrollmentRow(tx, id, { now, actorId: actor.id, resumeAt }));
  return visibleEnrollmentDto(db, actor, row);
}

import type { Enrollment } from '../../../shared/schemas/enrollment';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { loadEnrollmentFor } from './access';
import { visibleEnrollmentDto } from './enrollment-view';

/** An enrollment the actor may see; any other id is not found. */
export async function getEnrollment({ db }: { db: Db }, actor: Actor, id: string): Promise<Enrollment> {
  return visibleEnrollmentDto(db, actor, await loadEnrollmentFor(db, actor, id, 'view'));
}

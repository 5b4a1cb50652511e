import type { Enrollment } from '../../../shared/schemas/enrollment';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { maskMailboxIds } from '../mailboxes/mailbox-access';
import { toEnrollmentDto } from './dto';
import type { EnrollmentRow } from './plan-step';

/** Enrollments as the actor may see them: mailbox ids they may not use are blanked. */
export function visibleEnrollmentDtos(db: Db, actor: Actor, rows: EnrollmentRow[]): Promise<Enrollment[]> {
  return maskMailboxIds(db, actor, rows.map(toEnrollmentDto));
}

export async function visibleEnrollmentDto(db: Db, actor: Actor, row: EnrollmentRow): Promise<Enrollment> {
  const [dto] = await visibleEnrollmentDtos(db, actor, [row]);
  return dto as Enrollment;
}

import type { EnrollResult } from '../../../shared/schemas/enrollment';
import { loadSequenceFor } from '../../auth/access';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { enrollContacts } from './enroll';
import { visibleEnrollmentDtos } from './enrollment-view';

export interface EnrollInput {
  contactIds: string[];
  mailboxIds?: string[] | undefined;
  skipValidation?: boolean | undefined;
  /** ISO instant; a start in the past starts now. */
  startAt?: string | undefined;
  dryRun?: boolean | undefined;
}

/** Enrolls contacts in a sequence: who was enrolled, warned about, or rejected (and why). */
export async function enrollInSequence(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  sequenceId: string,
  input: EnrollInput,
): Promise<EnrollResult> {
  // Adding contacts is an edit: the seeds reserve it for the owner and "can edit" shares.
  const { sequence } = await loadSequenceFor(db, actor, sequenceId, 'edit');
  const result = await enrollContacts(
    db,
    actor,
    sequence,
    { ...input, startAt: input.startAt ? new Date(input.startAt) : undefined },
    now,
  );
  const { missingVariables, notices, ...rest } = result;
  return {
    ...rest,
    ...(missingVariables.length > 0 && { missingVariables }),
    ...(notices.length > 0 && { notices }),
    enrollments: await visibleEnrollmentDtos(db, actor, result.enrollments),
  };
}

import type { Tx } from '../../db/client';
import { recordActivity } from '../../domain/activity';
import type { Guarded } from '../claim-types';
import { setEnrollmentStatus } from './set-enrollment-status';
import { updateIfOwned } from './update-if-owned';

/** The email will not go out: it and its enrollment become not_sent, with the reason in the history. */
export async function recordNotSent(
  tx: Tx,
  c: Guarded,
  reason: string,
  detail: string,
  now: Date,
): Promise<void> {
  if (!(await updateIfOwned(tx, c, { status: 'not_sent', reason, detail, leaseUntil: null }, now))) return;
  await setEnrollmentStatus(tx, c.enrollmentId, 'not_sent', now);
  await recordActivity(tx, {
    teamId: c.teamId,
    kind: 'email.not_sent',
    contactId: c.email.contactId,
    enrollmentId: c.enrollmentId,
    emailId: c.email.id,
    data: { reasons: [reason], detail },
    at: now,
  });
}

import type { Tx } from '../../db/client';
import { recordActivity } from '../../domain/activity';
import type { Guarded } from '../claim-types';
import { updateIfOwned } from './update-if-owned';

/** The outcome cannot be known: visible to people, retryable by them, never resent by itself. */
export async function recordUnknown(tx: Tx, c: Guarded, detail: string, now: Date): Promise<void> {
  if (!(await updateIfOwned(tx, c, { status: 'unknown', detail, leaseUntil: null }, now))) return;
  await recordActivity(tx, {
    teamId: c.teamId,
    kind: 'email.unknown',
    contactId: c.email.contactId,
    enrollmentId: c.enrollmentId,
    emailId: c.email.id,
    data: { detail },
    at: now,
  });
}

/** Leaves the email `sending` with its lease cut short, so lease recovery reconciles it at once. */
export async function cutLease(tx: Tx, c: Guarded, detail: string, now: Date): Promise<void> {
  await updateIfOwned(tx, c, { detail, leaseUntil: now }, now);
}

import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { bouncedAddresses, contacts } from '../../db/schema';
import { recordActivity } from '../../domain/activity';
import type { Guarded } from '../claim-types';
import { setEnrollmentStatus } from './set-enrollment-status';
import { updateIfOwned } from './update-if-owned';

/** A hard bounce: the email and enrollment end bounced, the contact and address are marked for good. */
export async function recordBounced(tx: Tx, c: Guarded, detail: string, now: Date): Promise<void> {
  if (!(await updateIfOwned(tx, c, { status: 'bounced', detail, leaseUntil: null }, now))) return;
  await setEnrollmentStatus(tx, c.enrollmentId, 'bounced', now);
  const [contact] = await tx
    .update(contacts)
    .set({ bouncedAt: now, updatedAt: now })
    .where(eq(contacts.id, c.email.contactId))
    .returning({ emailLower: contacts.emailLower });
  if (contact?.emailLower) {
    await tx
      .insert(bouncedAddresses)
      .values({ teamId: c.teamId, address: contact.emailLower, detail, createdAt: now })
      .onConflictDoNothing();
  }
  await recordActivity(tx, {
    teamId: c.teamId,
    kind: 'email.bounced',
    contactId: c.email.contactId,
    enrollmentId: c.enrollmentId,
    emailId: c.email.id,
    data: { detail },
    at: now,
  });
}

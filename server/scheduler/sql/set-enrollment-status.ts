import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { enrollments } from '../../db/schema';

/** Ends an enrollment whose email could not go out (not_sent) or bounced. */
export async function setEnrollmentStatus(
  tx: Tx,
  id: string,
  status: 'not_sent' | 'bounced',
  now: Date,
): Promise<void> {
  await tx.update(enrollments).set({ status, updatedAt: now }).where(eq(enrollments.id, id));
}

import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../server/db/client';
import { emails } from '../../../server/db/schema';
import { recordSent } from '../../../server/scheduler/sql/record-sent';

/**
 * Sends an enrollment's pending email the way a worker records it (claim under an attempt id, then
 * recordSent, which also plans the next step), without running the whole scheduler loop.
 */
export async function deliverPending(db: Db, enrollmentId: string, threadId: string, now: Date) {
  const attemptId = randomUUID();
  const [row] = await db
    .update(emails)
    .set({ status: 'sending', attemptId })
    .where(and(eq(emails.enrollmentId, enrollmentId), eq(emails.status, 'scheduled')))
    .returning();
  if (!row) throw new Error('nothing scheduled to send');
  await db.transaction((tx) =>
    recordSent(tx, { email: row, attemptId, teamId: row.teamId, enrollmentId }, { threadId }, now),
  );
  return { id: row.id, messageId: row.messageId as string };
}

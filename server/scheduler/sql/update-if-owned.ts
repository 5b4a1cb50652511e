import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { runPrepared } from '../../db/prepared';
import { emails } from '../../db/schema';
import type { Guarded } from '../claim-types';

type EmailRow = typeof emails.$inferSelect;

/**
 * Updates the email only while this attempt still holds it (its attempt id, status `sending`); false
 * means someone else took over, and the caller writes nothing more for it.
 */
export async function updateIfOwned(
  tx: Tx,
  c: Pick<Guarded, 'email' | 'attemptId'>,
  values: Partial<EmailRow>,
  now: Date,
): Promise<boolean> {
  const rows = await runPrepared(
    tx
      .update(emails)
      .set({ ...values, updatedAt: now })
      .where(and(eq(emails.id, c.email.id), eq(emails.attemptId, c.attemptId), eq(emails.status, 'sending')))
      .returning({ id: emails.id }),
    'scheduler_update_if_owned',
  );
  return rows.length === 1;
}

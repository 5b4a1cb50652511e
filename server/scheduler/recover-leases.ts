import { randomUUID } from 'node:crypto';
import { and, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { emails, enrollments, mailboxes } from '../db/schema';
import type { ReconcileResult } from '../providers/provider';
import { mapLimit } from './dispatch';
import { recordSent, recordUnknown } from './record-outcomes';
import type { SchedulerConfig, SchedulerDeps } from './scheduler-config';

/**
 * An email still `sending` after its lease means a worker died or hung mid-send: it may or may not
 * have gone out. Take it over with a new attempt id (so a late original cannot write), ask the
 * provider where it can tell, and otherwise park it as `unknown`. Never resend it by itself.
 */
export async function recoverExpiredLeases(
  db: Db,
  deps: SchedulerDeps,
  config: SchedulerConfig,
): Promise<number> {
  const now = deps.now();
  const attemptId = randomUUID();
  const taken = await db.transaction(async (tx) => {
    const expired = await tx
      .select({ email: emails, mailbox: mailboxes, teamId: enrollments.teamId })
      .from(emails)
      .innerJoin(mailboxes, eq(mailboxes.id, emails.mailboxId))
      .innerJoin(enrollments, eq(enrollments.id, emails.enrollmentId))
      .where(and(eq(emails.status, 'sending'), lte(emails.leaseUntil, now)))
      .limit(config.batchSize)
      .for('update', { of: emails, skipLocked: true });
    if (expired.length === 0) return [];
    await tx
      .update(emails)
      .set({
        attemptId,
        leaseUntil: new Date(now.getTime() + config.leaseMs),
        updatedAt: now,
      })
      .where(
        inArray(
          emails.id,
          expired.map((r) => r.email.id),
        ),
      );
    return expired;
  });
  if (taken.length === 0) return 0;

  const answers = await mapLimit(taken, config.concurrency, async (row): Promise<ReconcileResult> => {
    // Claimed but never handed to a provider: nothing can have gone out.
    if (!row.email.dispatchedAt) return 'not_found';
    const messageId = row.email.messageId;
    try {
      const provider = deps.providerFor(row.mailbox);
      return provider.reconcile && messageId ? await provider.reconcile(messageId) : 'unknown';
    } catch {
      return 'unknown';
    }
  });

  await db.transaction(async (tx) => {
    for (const [i, row] of taken.entries()) {
      const answer = answers[i] ?? 'unknown';
      const c = {
        email: row.email,
        attemptId,
        teamId: row.teamId,
        enrollmentId: row.email.enrollmentId ?? '',
      };
      const at = deps.now();
      if (answer === 'sent') await recordSent(tx, c, {}, at);
      else if (answer === 'not_found') {
        // The provider never got it, so sending it again cannot duplicate it.
        await tx
          .update(emails)
          .set({
            status: 'scheduled',
            dueAt: at,
            attemptId: null,
            claimedAt: null,
            leaseUntil: null,
            updatedAt: at,
          })
          .where(and(eq(emails.id, row.email.id), eq(emails.attemptId, attemptId)));
      } else {
        await recordUnknown(tx, c, 'the worker sending this email stopped before recording the outcome', at);
      }
    }
  });
  return taken.length;
}

import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import type { ReconcileResult } from '../providers/provider';
import { decideRecovery, needsProviderAnswer, UNKNOWN_AFTER_STOP } from './decide-recovery';
import { mapLimit } from './dispatch';
import type { SchedulerConfig, SchedulerDeps } from './scheduler-config';
import { recordSent } from './sql/record-sent';
import { recordUnknown } from './sql/record-unknown';
import { requeueEmail } from './sql/requeue-email';
import { takeOverExpiredLeases } from './sql/take-over-expired-leases';

/**
 * Lease recovery: take over expired `sending` emails under a new attempt id (so a late original cannot
 * write), ask the provider where it can tell (no transaction open), then record what decideRecovery
 * says. Never resends an email by itself unless the provider provably never got it.
 */
export async function recoverExpiredLeases(
  db: Db,
  deps: SchedulerDeps,
  config: SchedulerConfig,
): Promise<number> {
  const now = deps.now();
  const attemptId = randomUUID();
  const leaseUntil = new Date(now.getTime() + config.leaseMs);
  const taken = await db.transaction((tx) =>
    takeOverExpiredLeases(tx, now, config.batchSize, { attemptId, leaseUntil }),
  );
  if (taken.length === 0) return 0;

  const answers = await mapLimit(taken, config.concurrency, async (row): Promise<ReconcileResult> => {
    if (!needsProviderAnswer(row.email)) return 'not_found';
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
      const c = {
        email: row.email,
        attemptId,
        teamId: row.teamId,
        enrollmentId: row.email.enrollmentId ?? '',
      };
      const at = deps.now();
      switch (decideRecovery(answers[i])) {
        case 'record_sent':
          await recordSent(tx, c, {}, at);
          break;
        case 'requeue':
          await requeueEmail(tx, row.email.id, attemptId, at);
          break;
        case 'park_unknown':
          await recordUnknown(tx, c, UNKNOWN_AFTER_STOP, at);
      }
    }
  });
  return taken.length;
}

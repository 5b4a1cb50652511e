import type { Db } from '../db/client';
import type { ClaimedSend, SendOutcome } from './claim-types';
import { decideOutcome } from './decide-outcome';
import type { SchedulerConfig } from './scheduler-config';
import { deactivateMailbox } from './sql/deactivate-mailbox';
import { markDispatched } from './sql/mark-dispatched';
import { preferKeyedPlans } from './sql/prefer-keyed-plans';
import { recordBounced } from './sql/record-bounced';
import { recordNotSent } from './sql/record-not-sent';
import { recordRetry } from './sql/record-retry';
import { recordSentBatch, type SentItem } from './sql/record-sent';
import { cutLease } from './sql/record-unknown';

/**
 * Phase three: write every outcome of a dispatched wave in one transaction, each guarded by its
 * attempt id so a worker whose lease was taken over can never overwrite the new owner's result.
 * What each outcome means is decided by decideOutcome; this only writes it.
 *
 * `next`, the following wave, is marked dispatched in the same transaction (see markDispatched) and
 * the claims still owned are returned: one commit per wave instead of two. A worker that dies after
 * that commit leaves exactly the state it would have left dying between a separate mark and the
 * provider call, the one wave whose outcome is unknown; failing, the transaction marks nothing.
 */
export async function recordOutcomes(
  db: Db,
  outcomes: SendOutcome[],
  now: Date,
  config: SchedulerConfig,
  random: () => number,
  next: ClaimedSend[] = [],
): Promise<ClaimedSend[]> {
  if (outcomes.length === 0) return markDispatched(db, next, now, config.leaseMs);
  return db.transaction(async (tx) => {
    await preferKeyedPlans(tx);
    const sent: SentItem[] = [];
    for (const o of outcomes) {
      const c = o.claim;
      const action = decideOutcome(o, now, config, random);
      switch (action.kind) {
        case 'sent':
          sent.push({ claim: c, ...action });
          break;
        case 'retry':
          await recordRetry(tx, c, action.dueAt, action.detail, now);
          break;
        case 'reconcile':
          await cutLease(tx, c, action.detail, now);
          break;
        case 'bounced':
          await recordBounced(tx, c, action.detail, now);
          break;
        case 'not_sent':
          if (action.deactivateMailbox !== undefined)
            await deactivateMailbox(tx, c.mailbox.id, action.deactivateMailbox, now);
          await recordNotSent(tx, c, action.reason, action.detail, now);
          break;
      }
    }
    await recordSentBatch(tx, sent, now);
    return markDispatched(tx, next, now, config.leaseMs);
  });
}

import type { Tx } from '../../db/client';
import type { Guarded } from '../claim-types';
import { updateIfOwned } from './update-if-owned';

/** The attempt failed before anything can have gone out: back to the queue, due again at `dueAt`. */
export async function recordRetry(tx: Tx, c: Guarded, dueAt: Date, detail: string, now: Date): Promise<void> {
  await updateIfOwned(
    tx,
    c,
    { status: 'scheduled', dueAt, detail, attemptId: null, claimedAt: null, leaseUntil: null },
    now,
  );
}

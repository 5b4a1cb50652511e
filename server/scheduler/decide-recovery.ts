import type { ReconcileResult } from '../providers/provider';

/*
 * An email still `sending` after its lease means a worker died or hung mid-send: it may or may not
 * have gone out. These decide what recovery does with it; it is never resent unless provably unsent.
 */

/** Without a dispatch mark it was claimed but never handed to a provider: nothing can have gone out. */
export function needsProviderAnswer(email: { dispatchedAt: Date | null }): boolean {
  return email.dispatchedAt !== null;
}

export type RecoveryAction = 'record_sent' | 'requeue' | 'park_unknown';

/**
 * The provider's answer decides: it went out (recorded sent), it never arrived (back to the queue:
 * sending it again cannot duplicate it), or nobody can tell (parked as unknown for a person).
 */
export function decideRecovery(answer: ReconcileResult | undefined): RecoveryAction {
  if (answer === 'sent') return 'record_sent';
  if (answer === 'not_found') return 'requeue';
  return 'park_unknown';
}

export const UNKNOWN_AFTER_STOP = 'the worker sending this email stopped before recording the outcome';

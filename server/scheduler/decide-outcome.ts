import { isProviderError } from '../providers/provider';
import { retryDelayMs } from './backoff';
import type { SendOutcome } from './claim-types';
import type { SchedulerConfig } from './scheduler-config';

/** What recording one provider answer writes. */
export type OutcomeAction =
  | { kind: 'sent'; subject: string; providerMessageId?: string | undefined; threadId?: string | undefined }
  /** Nothing can have gone out: back to the queue at `dueAt`. */
  | { kind: 'retry'; dueAt: Date; detail: string }
  /** The email will not go out; `deactivateMailbox` when its mailbox's credentials were refused. */
  | { kind: 'not_sent'; reason: string; detail: string; deactivateMailbox?: string }
  | { kind: 'bounced'; detail: string }
  /**
   * The request may have reached the provider: never resent blindly. The lease is cut short so lease
   * recovery reconciles it (or parks it as unknown) at once.
   */
  | { kind: 'reconcile'; detail: string };

type Config = Pick<SchedulerConfig, 'maxAttempts' | 'backoffBaseMs' | 'backoffCapMs'>;

/**
 * The decision over one provider answer. A transient failure that cannot have sent is retried with
 * capped, jittered backoff (the provider's Retry-After wins when longer) until `maxAttempts`, then
 * reported not sent; `random` is drawn only for a retry.
 */
export function decideOutcome(
  o: SendOutcome,
  now: Date,
  config: Config,
  random: () => number,
): OutcomeAction {
  if (o.ok)
    return {
      kind: 'sent',
      subject: o.subject,
      providerMessageId: o.result.providerMessageId,
      threadId: o.result.threadId,
    };
  const err = o.error;
  if (!isProviderError(err)) return { kind: 'not_sent', reason: 'other', detail: err.message || String(err) };
  switch (err.kind) {
    case 'transient': {
      if (err.mayHaveSent) return { kind: 'reconcile', detail: err.detail };
      const attempts = o.claim.email.attempts;
      if (attempts >= config.maxAttempts)
        return {
          kind: 'not_sent',
          reason: 'email_service_provider_error',
          detail: `gave up after ${attempts} attempts: ${err.detail}`,
        };
      const delay = retryDelayMs(attempts, {
        baseMs: config.backoffBaseMs,
        capMs: config.backoffCapMs,
        retryAfterMs: err.retryAfterMs,
        random,
      });
      return { kind: 'retry', dueAt: new Date(now.getTime() + delay), detail: err.detail };
    }
    case 'bounce':
      return { kind: 'bounced', detail: err.detail };
    case 'auth':
      return {
        kind: 'not_sent',
        reason: 'mailbox_inactive',
        detail: err.detail,
        deactivateMailbox: err.detail,
      };
    default:
      return { kind: 'not_sent', reason: err.reason ?? 'other', detail: err.detail };
  }
}

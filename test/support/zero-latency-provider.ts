import {
  type EmailProvider,
  type OutgoingEmail,
  ProviderError,
  type ReconcileResult,
  type SendResult,
} from '../../server/providers/provider';

export interface ZeroLatencyProvider extends EmailProvider {
  /** Every email handed to send, in order. */
  readonly sent: readonly OutgoingEmail[];
}

/**
 * For benchmarks and tests only (it lives here, outside the server, so no user can get it): accepts every email instantly, builds no MIME, touches no
 * network or disk. It measures the scheduler, not delivery; never wire it to a real mailbox.
 */
export function zeroLatencyProvider(): ZeroLatencyProvider {
  const sent: OutgoingEmail[] = [];
  const ids = new Set<string>();
  return {
    name: 'zero-latency',
    sent,
    async send(email: OutgoingEmail, signal?: AbortSignal): Promise<SendResult> {
      if (signal?.aborted) throw new ProviderError({ kind: 'transient', detail: 'aborted before sending' });
      sent.push(email);
      ids.add(email.messageId);
      return { messageId: email.messageId, providerMessageId: `zero-latency-${sent.length}` };
    },
    async reconcile(messageId: string): Promise<ReconcileResult> {
      return ids.has(messageId) ? 'sent' : 'not_found';
    },
  };
}

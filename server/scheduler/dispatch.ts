import { isProviderError } from '../providers/provider';
import type { ClaimedSend, SendOutcome } from './claim-types';
import { composeEmail } from './compose-email';
import type { SchedulerDeps } from './scheduler-config';

export type { SendOutcome } from './claim-types';

/** Runs `fn` over `items` with at most `limit` in flight, keeping results in input order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  });
  await Promise.all(lanes);
  return out;
}

/**
 * Phase two: talk to the providers, with no transaction open (a slow provider must never hold locks).
 * Every failure is caught and returned, so one bad mailbox cannot lose the outcomes of the others.
 */
export async function dispatchClaims(
  claims: ClaimedSend[],
  deps: SchedulerDeps,
  concurrency: number,
  signal?: AbortSignal,
): Promise<SendOutcome[]> {
  return mapLimit(claims, concurrency, async (claim): Promise<SendOutcome> => {
    try {
      const provider = deps.providerFor(claim.mailbox);
      const message = composeEmail({
        emailId: claim.email.id,
        messageId: claim.email.messageId ?? '',
        snapshot: claim.snapshot,
        mailbox: claim.mailbox,
        storedSubject: claim.email.subject,
        inReplyTo: claim.email.inReplyTo,
        references: claim.email.references,
        threadId: claim.email.threadId,
        publicUrl: deps.publicUrl,
        trackingUrl: deps.trackingUrl ?? deps.publicUrl,
        secretKey: deps.secretKey,
      });
      return { claim, ok: true, result: await provider.send(message, signal), subject: message.subject };
    } catch (err) {
      return { claim, ok: false, error: isProviderError(err) ? err : (err as Error) };
    }
  });
}

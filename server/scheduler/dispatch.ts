import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { emails } from '../db/schema';
import { isProviderError, type ProviderError, type SendResult } from '../providers/provider';
import type { ClaimedSend } from './claim-batch';
import { composeEmail } from './compose-email';
import type { SchedulerDeps } from './scheduler-config';

export type SendOutcome =
  /** `subject` as rendered and sent: stored on the row so the thread's follow-ups answer it. */
  | { claim: ClaimedSend; ok: true; result: SendResult; subject: string }
  | { claim: ClaimedSend; ok: false; error: ProviderError | Error };

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
 * Records that these claims are about to reach their providers (one statement per wave) and renews
 * their lease. Returns only the claims this attempt still owns: one whose lease expired and was taken
 * over by lease recovery must not be sent by this worker too. Given a transaction, the mark holds
 * once it commits, and the provider may be called only after that.
 */
export async function markDispatched(
  db: Db | Tx,
  wave: ClaimedSend[],
  now: Date,
  leaseMs: number,
): Promise<ClaimedSend[]> {
  const attemptId = wave[0]?.attemptId;
  if (!attemptId) return [];
  const owned = await db
    .update(emails)
    .set({ dispatchedAt: now, leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(
      and(
        inArray(
          emails.id,
          wave.map((c) => c.email.id),
        ),
        eq(emails.attemptId, attemptId),
        eq(emails.status, 'sending'),
      ),
    )
    .returning({ id: emails.id });
  const ids = new Set(owned.map((o) => o.id));
  return wave.filter((c) => ids.has(c.email.id));
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

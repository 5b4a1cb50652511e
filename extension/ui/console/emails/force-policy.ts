import type { Email } from '../../../../shared/schemas/email';
import type { NotSentCode } from '../../../../shared/schemas/not-sent-code';
import { notSentCatalog, notSentOrder } from '../../../../shared/send-guard/catalog';

/** What “Force send” skips: the catalog's forceable protections (stage, bounce, unverified, job change). */
export const FORCE_BYPASSES: readonly NotSentCode[] = notSentOrder.filter((c) => notSentCatalog[c].forceable);

/**
 * What it never overrides: blocklists, unsubscribes, GDPR and missing data (API.md). Every other
 * non-forceable reason (mailbox, provider, ruleset ownership) needs its cause fixed first.
 */
export const FORCE_NEVER: readonly NotSentCode[] = notSentOrder.filter(
  (c) =>
    !notSentCatalog[c].forceable &&
    (notSentCatalog[c].kind === 'compliance' || notSentCatalog[c].kind === 'data'),
);

export interface RetryForecast {
  /** Held by a protection force would skip: they go out with force, and likely not without. */
  forceHelps: number;
  /** Held for a reason no retry overrides: these will be held again until the cause is fixed. */
  heldAgain: Array<{ code: NotSentCode; count: number }>;
  /** Bounced, unknown, or not sent for a provider or mailbox reason: a retry tries again as is. */
  plain: number;
}

/** What retrying these emails is likely to do, by their recorded reasons. */
export function forecastRetry(emails: readonly Email[], force: boolean): RetryForecast {
  const held = new Map<NotSentCode, number>();
  let forceHelps = 0;
  let plain = 0;
  for (const e of emails) {
    const code = e.status === 'not_sent' ? e.reason : undefined;
    if (code && notSentCatalog[code].forceable) {
      if (force) forceHelps++;
      else held.set(code, (held.get(code) ?? 0) + 1);
    } else if (code && FORCE_NEVER.includes(code)) {
      held.set(code, (held.get(code) ?? 0) + 1);
    } else plain++;
  }
  const heldAgain = notSentOrder
    .filter((c) => held.has(c))
    .map((code) => ({ code, count: held.get(code) ?? 0 }));
  return { forceHelps, heldAgain, plain };
}

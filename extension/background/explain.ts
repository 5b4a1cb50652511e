import type { EnrollmentWarningCode } from '../../shared/schemas/enrollment';
import type { RetryPolicy } from '../../shared/schemas/extension-messages';
import type { NotSentCode } from '../../shared/schemas/not-sent-code';
import { enrollmentWarningCatalog, notSentCatalog, notSentEntryFor } from '../../shared/send-guard/catalog';

/**
 * The catalog's words for a code, added here so content scripts do not bundle the catalog. For
 * `other`, the email's detail says which of the specific reasons it is (an empty email, one too long
 * once filled in), and the person reads those words rather than the catch-all's.
 */
export function explainNotSent(code: NotSentCode, detail?: string | null) {
  const { label, message, resolution } = notSentEntryFor(code, detail);
  return { label, message, resolution };
}

/**
 * What a Retry can do for a not-sent reason, from the catalog: hard stops (compliance) and an
 * already-sent step can never succeed; forceable reasons may also be sent anyway.
 */
export function retryPolicy(code: NotSentCode): RetryPolicy {
  const entry = notSentCatalog[code];
  if (entry.kind === 'compliance' || code === 'already_sent_step') return 'never';
  return entry.forceable ? 'force' : 'retry';
}

export function explainWarning(code: EnrollmentWarningCode) {
  const { label, message, resolution } = enrollmentWarningCatalog[code];
  return { label, message, resolution };
}

/** "Clicked “acme.test/pricing” 2 days ago": the link by its address, the time in words. */
export function clickWords({ at, url }: { at: string; url: string }, now: number): string {
  const s = (Date.parse(at) - now) / 1000;
  const a = Math.abs(s);
  const [n, unit] = a >= 86400 ? [s / 86400, 'day'] : a >= 3600 ? [s / 3600, 'hour'] : [s / 60, 'minute'];
  const when = new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).format(Math.round(n), unit as 'day');
  return `Clicked “${url.replace(/^\w+:\/\/(www\.)?|\/?([?#].*)?$/g, '')}” ${when}`;
}

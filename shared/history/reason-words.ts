import type { FinishReason } from '../schemas/enrollment';

/**
 * Why an enrollment paused or finished, as a person would say it: the API sends codes, and the panel,
 * the console and the history all read them through these words.
 */
export const finishReasonLabels: Record<FinishReason, string> = {
  replied: 'Replied',
  meeting_booked: 'Meeting booked',
  unsubscribed: 'Unsubscribed',
  changed_job: 'Changed job',
  other: 'Other',
};

const PAUSED_WORDS: Record<string, string> = {
  manual: 'paused by a rep',
  out_of_office: 'out of office',
  owner_inactive: "the contact's owner is no longer active",
};

/** The finish reasons plus the ones Stride sets itself. */
const FINISHED_WORDS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(finishReasonLabels).map(([k, v]) => [k, v.toLowerCase()])),
  completed: 'every step was done',
  bounced: 'an email bounced',
};

/** An unknown code still reads as words ("some_new_reason" → "some new reason"), never as a code. */
export const asWords = (code: string) => code.replaceAll('_', ' ').trim();

export const pausedReasonWords = (code: string) => PAUSED_WORDS[code] ?? asWords(code);
export const finishedReasonWords = (code: string) => FINISHED_WORDS[code] ?? asWords(code);

/** "12 Mar": a day in the reader's locale and zone; undefined for a missing or broken date. */
export function formatDay(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? undefined
    : d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

/** "3 Dec, 10:42": when a message arrived, in the reader's locale and zone. */
export function formatMoment(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? undefined
    : d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

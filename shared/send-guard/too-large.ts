import { RENDER_LIMITS, type TemplatePart } from '../template/render';
import { otherNotSentReasons } from './catalog';
import type { GuardReason } from './engine';

const partWords: Readonly<Record<TemplatePart, string>> = { subject: 'the subject', body: 'the body' };

/**
 * What the guard reports for an email whose subject or body passes RENDER_LIMITS once filled in:
 * the catch-all code (API.md's list is closed) with its own words, and a detail naming the part.
 */
export function tooLargeReason(parts: readonly TemplatePart[]): GuardReason {
  const entry = otherNotSentReasons.too_large;
  const which = parts
    .map((p) => `${partWords[p]} passes ${RENDER_LIMITS[p].toLocaleString('en-US')} characters`)
    .join(' and ');
  return {
    code: 'other',
    message: entry.message,
    resolution: entry.resolution,
    detail: `${entry.detailPrefix}: ${which}.`,
  };
}

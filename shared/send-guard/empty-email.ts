import { isBlankText } from '../template/blank';
import { renderTemplate } from '../template/render';
import { otherNotSentReasons } from './catalog';
import { type SendSnapshot, templateContextFor } from './snapshot';

const emailTypes = new Set(['auto_email', 'manual_email']);

/** Blank as written, or blank once rendered (every tag empty, e.g. `{{fields.note | ""}}`). */
function rendersBlank(template: string, s: SendSnapshot): boolean {
  if (isBlankText(template)) return true;
  if (!template.includes('{{')) return false;
  const out = renderTemplate(template, templateContextFor(s), { html: false, snippets: s.snippets ?? {} });
  return isBlankText(out.output);
}

/**
 * A sequence email (or a rep's edited draft of one) that would reach the recipient with no subject and
 * no body. Sends outside a sequence (the compose bar's own draft) are the rep's business and are not
 * judged here.
 */
export function wouldSendEmpty(s: SendSnapshot): boolean {
  if (!s.step || !emailTypes.has(s.step.type)) return false;
  const subject = s.draft?.subject ?? s.step.subject ?? '';
  const body = s.draft?.body ?? s.step.body ?? '';
  return rendersBlank(subject, s) && rendersBlank(body, s);
}

/** What the guard reports for it: the catch-all code (API.md's list is closed), with words that say why. */
export const emptyEmailReason = {
  code: 'other',
  message: otherNotSentReasons.empty_email.message,
  resolution: otherNotSentReasons.empty_email.resolution,
  detail: otherNotSentReasons.empty_email.detailPrefix,
} as const;

import { type SendSnapshot, templateContextFor } from '../../../shared/send-guard/snapshot';
import { RENDER_LIMITS, renderTemplate } from '../../../shared/template/render';
import { replySubject } from './reply-subject';

// The scheduler composes the send with these and the email lists preview unsent subjects with them,
// so both say the same subject; they live in the domain, which never reaches into the scheduler.

/**
 * The subject a send goes out with. A reply_previous step answers the thread under the subject fixed
 * when it was planned; anything else renders its template (or the rep's edited draft) now.
 */
export function subjectFor(s: SendSnapshot, storedSubject: string | null | undefined): string {
  return renderSubject(s, storedSubject).subject;
}

/** The subject, cut at RENDER_LIMITS.subject (a list still shows it), and whether it had to be cut. */
export function renderSubject(s: SendSnapshot, storedSubject: string | null | undefined) {
  if (s.step?.threadMode === 'reply_previous' && storedSubject && !s.draft?.subject) {
    return { subject: replySubject(storedSubject), tooLarge: false };
  }
  const template = s.draft?.subject ?? s.step?.subject ?? '';
  const r = renderTemplate(template, templateContextFor(s), {
    html: false,
    snippets: s.snippets ?? {},
    maxLength: RENDER_LIMITS.subject,
  });
  return { subject: r.output, tooLarge: r.tooLarge };
}

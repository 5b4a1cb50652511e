import type { StepType } from '../schemas/sequence';

/**
 * Whether an email with this subject and body would reach the recipient with nothing in it. The
 * sequence editor, the server's activation check and the send guard all ask this one function, so
 * what the editor flags is exactly what the server refuses and what the scheduler never sends.
 */

/** Markup, non-breaking spaces and whitespace are not content: `<p>&nbsp;</p>` is an empty body. */
export function isBlankText(text: string | null | undefined): boolean {
  if (text == null) return true;
  return (
    text
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;|&#160;|&#xa0;/gi, ' ')
      .replace(/[\s\u00a0\u200b\ufeff]+/g, '')
      .trim() === ''
  );
}

export const isBlankEmail = (subject: string | null | undefined, body: string | null | undefined): boolean =>
  isBlankText(subject) && isBlankText(body);

/**
 * Steps that go out with nobody looking must have content before the sequence runs. A manual email
 * may start empty (the rep writes it in the task), and the send guard refuses it if it is still
 * empty when the rep sends.
 */
export const needsContentToRun = (type: StepType): boolean => type === 'auto_email';

export const EMPTY_EMAIL_STEP_MESSAGE =
  'This automatic email has no subject and no body. Write at least one before the sequence can be active.';

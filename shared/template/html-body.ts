import { escapeHtml } from './render';

/** A body written in the rich editor (or pasted HTML); anything else is plain text and stays as is. */
export const looksLikeHtml = (s: string): boolean => /<\/?[a-z][\s\S]*?>/i.test(s);

/**
 * A plain-text body as the rich editor's HTML: a blank line starts a paragraph, a single line end is a
 * line break. Steps written before the editor existed open with their layout intact.
 */
export function plainTextToHtml(text: string): string {
  if (looksLikeHtml(text)) return text;
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  return paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');
}

import { convert } from 'html-to-text';
import sanitizeHtml from 'sanitize-html';
import { looksLikeHtml } from '../../../shared/template/html-body';

// One test for "is this body HTML", shared with the console's editor and preview.
export { looksLikeHtml };

/**
 * What the editor can produce (bold, italic, lists, links, images by URL, headings, quotes) and
 * nothing else: no scripts, styles, event handlers, forms or frames, and no javascript: or data:
 * URLs. Template placeholders survive, in text and in href/src (`{{meetingLink}}`).
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'div',
    'span',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'a',
    'ul',
    'ol',
    'li',
    'blockquote',
    'h1',
    'h2',
    'h3',
    'hr',
    'code',
    'pre',
    'img',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    // Signatures pasted from mail clients mark themselves; the class carries no behaviour.
    div: ['class'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // A link that opens a new tab cannot reach back into the opener.
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: attribs.target ? { ...attribs, rel: 'noopener noreferrer' } : attribs,
    }),
  },
};

/** The HTML as stored and sent: only the editor's markup. Plain text passes through untouched. */
export function sanitizeEmailHtml(body: string): string {
  return looksLikeHtml(body) ? sanitizeHtml(body, OPTIONS) : body;
}

/** The text/plain alternative of an HTML body: paragraphs, list bullets, and links as "text [url]". */
export function htmlToPlainText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      // An image says what it is, not where it is.
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
    ],
  }).trim();
}

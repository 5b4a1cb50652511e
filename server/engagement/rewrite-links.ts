import { escapeAttribute } from 'entities';
import { Parser } from 'htmlparser2';

export interface FoundLink {
  /** Position among the rewritten links, 0-based: what the click token names. */
  index: number;
  /** The href as a browser reads it (entities decoded). */
  url: string;
}

export interface RewriteOptions {
  /** The tracking URL for a link; called once per rewritten link, in document order. */
  trackedUrl: (link: FoundLink) => string;
  /** Links never rewritten (the unsubscribe link, links already pointing at the tracker). */
  keep?: (url: string) => boolean;
}

const HREF = /(\shref\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)/i;

/**
 * Rewrites the web links of an HTML body through the tracker. Only `<a href>` with an http(s) URL is
 * touched: `mailto:`, `tel:`, in-page anchors, relative and template-like hrefs stay as written, and so
 * does anything inside comments, `<script>` or `<style>` (the parser knows those are not tags). Every
 * other byte of the document is kept as it was.
 */
export function rewriteLinks(html: string, options: RewriteOptions): { html: string; links: FoundLink[] } {
  const edits: { start: number; end: number; url: string }[] = [];
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name !== 'a') return;
        const url = attribs.href?.trim();
        if (!url || !/^https?:\/\/[^\s/?#]+/i.test(url)) return;
        if (options.keep?.(url)) return;
        edits.push({ start: parser.startIndex, end: parser.endIndex, url });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);

  const links: FoundLink[] = [];
  let out = '';
  let last = 0;
  for (const edit of edits) {
    const tag = html.slice(edit.start, edit.end + 1);
    if (!HREF.test(tag)) continue;
    const link = { index: links.length, url: edit.url };
    const replaced = tag.replace(
      HREF,
      (_m, lead: string) => `${lead}"${escapeAttribute(options.trackedUrl(link))}"`,
    );
    links.push(link);
    out += html.slice(last, edit.start) + replaced;
    last = edit.end + 1;
  }
  return { html: out + html.slice(last), links };
}

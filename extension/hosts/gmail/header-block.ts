/*
 * The header block of a message's original source, as Gmail's "Show original" view gives it, read
 * into the few headers the reply classifier looks at (RFC 3834 and threading). Pure: no fetch here.
 */

/** Headers worth reporting; everything else in the block (Received, DKIM…) stays on the page. */
export const REPORTED_HEADERS = [
  'Message-ID',
  'In-Reply-To',
  'References',
  'Auto-Submitted',
  'X-Autoreply',
  'X-Autorespond',
  'X-Autoresponder',
  'Precedence',
  'List-Id',
  'Content-Type',
  'X-Apple-Action',
  'X-Failed-Recipients',
  'X-MS-Exchange-Inbox-Rules-Loop',
] as const;

const WANTED = new Map<string, string>(REPORTED_HEADERS.map((name) => [name.toLowerCase(), name]));
/** The observe schema's limit for one header value. */
const MAX_VALUE = 10_000;
const HTML_ENTITY = /&(?:#(\d+)|#x([0-9a-f]+)|(lt|gt|amp|quot|apos|#39));/gi;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescapeHtml(text: string): string {
  return text.replace(HTML_ENTITY, (_m, dec: string, hex: string, name: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
    return NAMED[name.toLowerCase()] ?? "'";
  });
}

const ENCODED_WORD = /=\?([^?\s]+)\?([bq])\?([^?\s]*)\?=/gi;

function decodeWord(charset: string, encoding: string, data: string): string {
  let bytes: Uint8Array;
  if (encoding.toLowerCase() === 'b') {
    const binary = atob(data.replace(/[^A-Za-z0-9+/=]/g, ''));
    bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } else {
    const raw = data.replace(/_/g, ' ');
    const out: number[] = [];
    for (let i = 0; i < raw.length; i++) {
      const hex = raw[i] === '=' ? raw.slice(i + 1, i + 3) : '';
      if (/^[0-9a-f]{2}$/i.test(hex)) {
        out.push(Number.parseInt(hex, 16));
        i += 2;
      } else out.push(raw.charCodeAt(i) & 0xff);
    }
    bytes = Uint8Array.from(out);
  }
  // RFC 2231 allows a language after the charset ("utf-8*en").
  return new TextDecoder(charset.split('*')[0]).decode(bytes);
}

/** RFC 2047 encoded words (`=?utf-8?B?…?=`, `=?iso-8859-1?Q?…?=`); white space between two of them goes. */
export function decodeEncodedWords(value: string): string {
  const joined = value.replace(/(=\?[^?\s]+\?[bq]\?[^?\s]*\?=)\s+(?==\?)/gi, '$1');
  return joined.replace(ENCODED_WORD, (whole, charset: string, encoding: string, data: string) => {
    try {
      return decodeWord(charset, encoding, data);
    } catch {
      // An unknown charset or broken base64 stays as written rather than losing the header.
      return whole;
    }
  });
}

/**
 * Where the message source starts in what the view returned: the raw text itself (the download
 * form), or the `<pre>` of the HTML "Show original" page, whose text is HTML-escaped.
 */
export function sourceStart(text: string): { at: number; html: boolean } | undefined {
  if (/^[\x21-\x39\x3b-\x7e]+:/.test(text)) return { at: 0, html: false };
  const pre = /<pre\b[^>]*>/i.exec(text);
  if (!pre) return undefined;
  return { at: pre.index + pre[0].length, html: true };
}

/** The end of the header block (the first empty line) in source text, or -1 when not reached yet. */
export function headerBlockEnd(source: string): number {
  const m = /\r?\n\r?\n/.exec(source);
  return m ? m.index : -1;
}

/**
 * Reads a header block into the reported headers: folded lines unfolded (RFC 5322 §2.2.3), encoded
 * words decoded, the first occurrence of each name kept (a forwarded message's own headers come later
 * in the source than the outer ones only in the body, never in this block). `complete` false means
 * the block was cut by the byte budget: the last line may be the start of a folded header, so it is
 * dropped rather than reported half.
 */
export function parseHeaderBlock(block: string, complete = true): Record<string, string> {
  const lines = block.replace(/\r\n/g, '\n').split('\n');
  if (!complete) lines.pop();
  const fields: string[] = [];
  for (const line of lines) {
    if (line === '') break;
    if (/^[ \t]/.test(line) && fields.length > 0) fields[fields.length - 1] += line;
    else fields.push(line);
  }
  const out: Record<string, string> = {};
  for (const field of fields) {
    const colon = field.indexOf(':');
    if (colon <= 0) continue;
    const name = WANTED.get(field.slice(0, colon).trim().toLowerCase());
    if (!name || name in out) continue;
    const value = decodeEncodedWords(
      field
        .slice(colon + 1)
        .replace(/\s+/g, ' ')
        .trim(),
    );
    if (value) out[name] = value.slice(0, MAX_VALUE);
  }
  return out;
}

/** The header block out of (a prefix of) the view's text, or undefined when it holds no source. */
export function headersFromView(text: string, complete: boolean): Record<string, string> | undefined {
  const start = sourceStart(text);
  if (!start) return undefined;
  let source = text.slice(start.at);
  if (start.html) {
    const close = source.search(/<\/pre>/i);
    if (close >= 0) source = source.slice(0, close);
    source = unescapeHtml(source).replace(/^\s*\n/, '');
  }
  const end = headerBlockEnd(source);
  return parseHeaderBlock(end >= 0 ? source.slice(0, end) : source, end >= 0 || complete);
}

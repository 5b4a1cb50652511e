/**
 * A small RFC 5322/2045 reader for assertions: unfolds headers, splits multiparts and decodes
 * quoted-printable, base64 and encoded words. Deliberately independent of nodemailer, so a
 * builder bug cannot hide behind the same library reading its own output.
 */
export interface MimePart {
  headers: Map<string, string[]>;
  header(name: string): string | undefined;
  contentType: string;
  body: string;
  parts: MimePart[];
}

function decodeQuotedPrintable(input: string): Buffer {
  const joined = input.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const ch = joined[i]!;
    const hex = joined.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_m, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replaceAll('_', ' ')).toString('utf8'),
    );
}

function param(value: string, name: string): string | undefined {
  const match = new RegExp(`${name}="?([^";]+)"?`, 'i').exec(value);
  return match?.[1];
}

export function parseMime(raw: string | Buffer): MimePart {
  const source = typeof raw === 'string' ? raw : raw.toString('utf8');
  const split = source.indexOf('\r\n\r\n');
  const head = split === -1 ? source : source.slice(0, split);
  const rest = split === -1 ? '' : source.slice(split + 4);
  const headers = new Map<string, string[]>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    headers.set(key, [...(headers.get(key) ?? []), line.slice(colon + 1).trim()]);
  }
  const header = (name: string) => {
    const value = headers.get(name.toLowerCase())?.[0];
    return value === undefined ? undefined : decodeWords(value);
  };
  const contentType = header('content-type') ?? 'text/plain';
  const boundary = /^multipart\//i.test(contentType) ? param(contentType, 'boundary') : undefined;
  if (boundary) {
    const sections = rest.split(`--${boundary}`).slice(1);
    const parts = sections.filter((s) => !s.startsWith('--')).map((s) => parseMime(s.replace(/^\r\n/, '')));
    return { headers, header, contentType, body: '', parts };
  }
  const encoding = (header('content-transfer-encoding') ?? '7bit').toLowerCase();
  const trimmed = rest.replace(/\r\n$/, '');
  const body =
    encoding === 'base64'
      ? Buffer.from(trimmed.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(trimmed).toString('utf8')
        : trimmed;
  return { headers, header, contentType, body, parts: [] };
}

/** The first leaf part of the given type, searching nested multiparts. */
export function findPart(part: MimePart, type: string): MimePart | undefined {
  if (part.parts.length === 0) return part.contentType.toLowerCase().startsWith(type) ? part : undefined;
  for (const child of part.parts) {
    const found = findPart(child, type);
    if (found) return found;
  }
  return undefined;
}

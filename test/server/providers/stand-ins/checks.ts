import { type MimePart, parseMime } from '../helpers/parse-mime';

/** Headers every message we hand a provider must carry, whatever the API around it. */
const REQUIRED = ['message-id', 'from', 'to', 'subject', 'date', 'mime-version', 'x-stride-email-id'];

/**
 * Parses a MIME message a stand-in received and lists what is wrong with it; an empty list means
 * it is a complete RFC 5322 message from our builder.
 */
export function checkMime(raw: string): { mime: MimePart; problems: string[] } {
  const mime = parseMime(raw);
  const problems = REQUIRED.filter((name) => !mime.header(name)).map((name) => `MIME lacks ${name}`);
  const id = mime.header('message-id');
  if (id && !/^<[^\s<>@]+@[^\s<>@]+>$/.test(id)) problems.push(`Message-ID malformed: ${id}`);
  if (!raw.includes('\r\n\r\n')) problems.push('MIME has no header/body separator');
  return { mime, problems };
}

export function bearerToken(header: string | undefined): string | undefined {
  return header?.match(/^Bearer (\S+)$/)?.[1];
}

let sequence = 0;
/** Ids shaped like the provider's own, unique within a test run. */
export function providerId(prefix: string): string {
  sequence += 1;
  return `${prefix}${sequence.toString(16).padStart(8, '0')}${Math.random().toString(16).slice(2, 10)}`;
}

import { timingSafeEqual } from 'node:crypto';

/**
 * Compares a signature as it was given (the text in a link) with the one this server computes, as
 * strings and in constant time. Decoding the given text first would not do: Node's base64 decoder
 * skips characters outside the alphabet and ignores the unused low bits of the last character, so
 * several different links would decode to the same bytes and an altered link would still pass.
 */
export function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // The length of a well-formed signature is public (fixed by the algorithm), so leaving early on it leaks nothing.
  return a.length === b.length && timingSafeEqual(a, b);
}

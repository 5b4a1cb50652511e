/**
 * Builds a case-insensitive regular expression matching any of `phrases` as whole words. Hand-written
 * `\b` does not work here: JavaScript's `\b` only knows ASCII letters, so `\bat\b` matches inside "até"
 * and `\bré` never matches. Letters and digits on either side are ruled out with Unicode classes instead.
 * Phrases are regex sources so that tables can say `out of (?:the )?office` once rather than twice.
 */
export function phrasePattern(phrases: readonly string[], flags = ''): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.join('|')})(?![\\p{L}\\p{N}])`, `iu${flags}`);
}

/** All distinct matches (lower-cased), for evidence strings and for counting different cues once. */
export function distinctMatches(pattern: RegExp, text: string): string[] {
  const global = new RegExp(
    pattern.source,
    pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
  );
  return [...new Set(Array.from(text.matchAll(global), (m) => m[0].toLowerCase().replace(/\s+/g, ' ')))];
}

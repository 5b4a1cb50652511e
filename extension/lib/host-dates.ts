/**
 * Mail pages show dates for people ("Mon, Mar 4, 2024 at 10:02 AM", "Tue 3/4/2024 10:02 AM"), not
 * ISO. V8 parses most of these once the weekday and Gmail's "at" are gone; when nothing parses we
 * fall back to `now` so a message is still reported (the server only needs it to be after enrolment).
 */
export function parseHostDate(text: string | null | undefined, now: () => Date = () => new Date()): string {
  const raw = (text ?? '').trim();
  if (raw) {
    const direct = Date.parse(raw);
    if (!Number.isNaN(direct)) return new Date(direct).toISOString();
    const cleaned = raw
      .replace(/\s+at\s+/i, ' ')
      .replace(/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i, '')
      .replace(/\s*\(.*\)\s*$/, '')
      .replace(/\u202f/g, ' ');
    const parsed = Date.parse(cleaned);
    if (!Number.isNaN(parsed)) return new Date(parsed).toISOString();
  }
  return now().toISOString();
}

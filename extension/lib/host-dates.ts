/**
 * Mail pages show dates for people ("Mon, Mar 4, 2024 at 10:02 AM", "Tue 3/4/2024 10:02 AM",
 * "Di 04.03.2024 10:02", "2024/03/04 (月) 10:02"), not ISO. English ones V8 parses once the weekday and
 * Gmail's "at" are gone; numeric ones are read in the page language's order (month first only in US
 * English). When nothing parses we fall back to `now` so a message is still reported (the server only
 * needs it to be after enrolment).
 */
export function parseHostDate(
  text: string | null | undefined,
  now: () => Date = () => new Date(),
  lang = 'en',
): string {
  const raw = (text ?? '').trim().replace(/[\u202f\u00a0]/g, ' ');
  if (raw) {
    // A machine-readable stamp (a <time datetime>, ISO 8601) is taken as written.
    if (/^\d{4}-\d{2}-\d{2}T/.test(raw) && !Number.isNaN(Date.parse(raw))) return new Date(raw).toISOString();
    const monthFirst = /^en(-us)?$/i.test(lang.trim() || 'en');
    const numeric = monthFirst ? undefined : parseNumeric(raw, false);
    if (numeric) return numeric.toISOString();
    const direct = Date.parse(raw);
    if (!Number.isNaN(direct)) return new Date(direct).toISOString();
    const cleaned = raw
      .replace(/\s+at\s+/i, ' ')
      .replace(/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i, '')
      .replace(/\s*\(.*\)\s*$/, '');
    const parsed = Date.parse(cleaned);
    if (!Number.isNaN(parsed)) return new Date(parsed).toISOString();
    const fallback = parseNumeric(raw, monthFirst);
    if (fallback) return fallback.toISOString();
  }
  return now().toISOString();
}

const NUMERIC_DATE = /(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})/;
const TIME = /(\d{1,2})[:h.](\d{2})(?!\d)(?:\s*([AaPp])\.?\s*[Mm]\.?)?/;

/** A numeric date with an optional time, in local time; year first when it has four digits. */
function parseNumeric(raw: string, monthFirst: boolean): Date | undefined {
  const date = NUMERIC_DATE.exec(raw);
  if (!date) return undefined;
  const [a, b, c] = [date[1], date[2], date[3]].map(Number) as [number, number, number];
  let year: number;
  let month: number;
  let day: number;
  if ((date[1] ?? '').length === 4) [year, month, day] = [a, b, c];
  else if (monthFirst) [month, day, year] = [a, b, c];
  else [day, month, year] = [a, b, c];
  if (year < 100) year += 2000;
  const rest = raw.slice((date.index ?? 0) + date[0].length);
  const time = TIME.exec(rest);
  let hours = time ? Number(time[1]) : 0;
  const minutes = time ? Number(time[2]) : 0;
  const meridiem = time?.[3]?.toLowerCase() ?? (/午後/.test(raw) ? 'p' : /午前/.test(raw) ? 'a' : undefined);
  if (meridiem === 'p' && hours < 12) hours += 12;
  if (meridiem === 'a' && hours === 12) hours = 0;
  const out = new Date(year, month - 1, day, hours, minutes);
  const valid = out.getMonth() === month - 1 && out.getDate() === day && hours < 24 && minutes < 60;
  return valid ? out : undefined;
}

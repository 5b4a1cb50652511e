import type { DateMention } from './date-mention';

/**
 * chrono-node ships parsers for all seven languages Stride reads, but two forms common in auto-replies
 * fall through all of them:
 *
 * 1. Day and month with dots and no year ("bis 14.12.", "tot 4.1."), standard in German, Dutch and
 *    Italian. chrono refuses dotted dates without a year on purpose, as they look like version numbers
 *    and decimals. We accept them only where a cue word stands next to them (the caller drops uncued
 *    mentions), which is what makes "3.5" in a signature harmless.
 * 2. A day of the month on its own ("until the 14th", "bis zum 14.", "jusqu'au 14", "hasta el 14",
 *    "até dia 14", "tot de 14e", "fino al 14"). Here the cue and an article or ordinal suffix are part of
 *    the pattern, because a bare number after "until" is as often an hour ("until 5") as a day.
 *
 * Day-first throughout: every language here writes day before month, and US-style English numeric
 * dates always carry slashes, which chrono reads itself.
 */

const DOTTED_DAY_MONTH = /(?<![\p{N}.,])(\d{1,2})\.(?:(\d{1,2})\.|(\d{2}))(?![\p{N}.])/gu;

/** Not a day when followed by a unit or a time: "until 5 pm", "bis 17 Uhr", "hasta el 3 de cada mes". */
const NOT_A_DAY_AFTER =
  /^\s*(?:[.:/h-]\s*\d|%|uhr|am|pm|a\.m|p\.m|days?|weeks?|hours?|tage?n?|wochen|stunden|jours?|semaines?|heures?|d[ií]as?|semanas?|horas?|dagen|weken|uur|giorni|settimane|ore)(?![\p{L}])/iu;

const BARE_DAY_PATTERNS: readonly RegExp[] = [
  /(?<![\p{L}])(?:until|till|through|back on|return(?:ing)? on|from) the (\d{1,2})(?:st|nd|rd|th)?/giu,
  /(?<![\p{L}])(?:until|till|through|on) (\d{1,2})(?:st|nd|rd|th)/giu,
  /(?<![\p{L}])(?:bis|am|ab)\s+(?:zum|dem|den)\s+(\d{1,2})\./giu,
  /(?<![\p{L}])(?:jusqu['’]au|retour le|dès le|à partir du)\s+(\d{1,2})(?:er)?/giu,
  /(?<![\p{L}])(?:hasta|vuelta|regreso|partir)\s+(?:el|del)\s+(?:d[ií]a\s+)?(\d{1,2})/giu,
  /(?<![\p{L}])(?:até|retorno|volto|partir)\s+(?:(?:ao|a|o|no|em|do)\s+)?dia\s+(\d{1,2})/giu,
  /(?<![\p{L}])(?:tot(?: en met)?|t\/m|terug op|vanaf)\s+de\s+(\d{1,2})(?:e|ste|de)?/giu,
  /(?<![\p{L}])(?:fino|rientro|partire)\s+(?:al|all['’]|il|dal|dall['’])\s*(\d{1,2})/giu,
];

/**
 * Month names of the languages chrono-node has no parser for: Polish (genitive, as dates write them:
 * "do 11 grudnia") and Danish/Norwegian ("til og med 11. december").
 */
const MONTH_NAMES: readonly (readonly string[])[] = [
  [
    'stycznia',
    'lutego',
    'marca',
    'kwietnia',
    'maja',
    'czerwca',
    'lipca',
    'sierpnia',
    'września',
    'października',
    'listopada',
    'grudnia',
  ],
  [
    'januar',
    'februar',
    'marts',
    'april',
    'maj',
    'juni',
    'juli',
    'august',
    'september',
    'oktober',
    'november',
    'december',
  ],
];
const MONTH_NUMBER = new Map(MONTH_NAMES.flatMap((names) => names.map((name, i) => [name, i + 1] as const)));
const DAY_MONTH_NAME = new RegExp(
  `(?<![\\p{L}\\p{N}])(\\d{1,2})\\.?\\s+(${[...MONTH_NUMBER.keys()].join('|')})(?:\\s+(\\d{4}))?(?![\\p{L}])`,
  'giu',
);

export function fallbackDateMentions(text: string): DateMention[] {
  const mentions: DateMention[] = [];
  for (const m of text.matchAll(DAY_MONTH_NAME)) {
    const day = Number(m[1]);
    const month = MONTH_NUMBER.get((m[2] as string).toLowerCase());
    if (!month || day < 1 || day > 31) continue;
    const year = m[3] ? Number(m[3]) : undefined;
    mentions.push({
      index: m.index,
      end: m.index + m[0].length,
      text: m[0],
      start: year === undefined ? { kind: 'date', month, day } : { kind: 'date', year, month, day },
    });
  }
  for (const m of text.matchAll(DOTTED_DAY_MONTH)) {
    const day = Number(m[1]);
    const month = Number(m[2] ?? m[3]);
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    mentions.push({
      index: m.index,
      end: m.index + m[0].length,
      text: m[0],
      start: { kind: 'date', month, day },
    });
  }
  for (const pattern of BARE_DAY_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const digits = m[1];
      if (digits === undefined) continue;
      const day = Number(digits);
      const end = m.index + m[0].length;
      if (day < 1 || day > 31 || NOT_A_DAY_AFTER.test(text.slice(end))) continue;
      // The mention starts at the number so that the cue before it is read like any other cue.
      const index = m.index + m[0].lastIndexOf(digits);
      mentions.push({ index, end, text: text.slice(index, end), start: { kind: 'day-of-month', day } });
    }
  }
  return mentions;
}

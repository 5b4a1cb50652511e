import { type Chrono, de, en, es, fr, it, ja, nl, type ParsedComponents, pt, sv, zh } from 'chrono-node';
import { Temporal } from 'temporal-polyfill';
import { type DateMention, type DatePart, resolveDatePart } from './date-mention';
import { distinctMatches } from './phrase-pattern';
import { stripQuotedText } from './quoted-text';
import { addCalendarDays, morningOf, resolveTimeZone, todayIn } from './resume-time';
import {
  CJK_RETURN_AFTER,
  CJK_UNTIL_AFTER,
  CJK_UNTIL_BEFORE,
  FROM_WORDS,
  LANGUAGE_HINTS,
  NEGATION_WORDS,
  RANGE_CONNECTOR,
  REPLY_LANGUAGES,
  RETURN_WORDS,
  type ReplyLanguage,
  type ReturnRule,
  UNTIL_BEFORE_DATE,
} from './return-date-cues';
import { fallbackDateMentions } from './return-date-fallback';

/** A language, or English with its numeric date order pinned ("12/03/2027": US 3 Dec, GB 12 March). */
export type ReturnDateLocale = ReplyLanguage | 'en-US' | 'en-GB';

export const DEFAULT_MAX_PAUSE_DAYS = 60;

export interface ReturnDateOptions {
  now: Date;
  /** The contact's IANA zone; missing or unknown means UTC. */
  timeZone?: string | null;
  maxPauseDays?: number;
  /**
   * Languages to read the text in, in order; plain `en` follows the zone's numeric date order. Without
   * it the text's own words decide the order.
   */
  locales?: readonly ReturnDateLocale[];
}

export interface ReturnDateMatch {
  /** When the enrollment resumes: the morning of `returnDay` in the contact's zone, or the cap. */
  resumeAt: Date;
  /** ISO date of the first day the contact is back. */
  returnDay: string;
  rule: ReturnRule;
  /** The date as written in the message. */
  phrase: string;
  /** True when the named day lay beyond `maxPauseDays` and `resumeAt` is the cap instead. */
  capped: boolean;
}

/** The resume moment named by an out-of-office text, or null when it names no usable date. */
export function parseReturnDate(text: string, options: ReturnDateOptions): Date | null {
  return findReturnDate(text, options)?.resumeAt ?? null;
}

/**
 * Finds the return date in an out-of-office text. Only dates next to a cue count: "back on", "until",
 * a range's end, "ab"/"vanaf" (see return-date-cues.ts). An uncued date is more often a signature, an
 * event or the date line of a quoted email than a return. Among cued dates an explicit return ("back
 * on 14 December") beats "until"/range, which beats a bare "from"; ties go to the first in the text.
 * A return whose morning has already passed is ignored; one past `maxPauseDays` is capped there, because a year-long
 * "parental leave until next autumn" still should not hold a sequence beyond the product's limit.
 */
export function findReturnDate(text: string, options: ReturnDateOptions): ReturnDateMatch | null {
  const zone = resolveTimeZone(options.timeZone);
  const today = todayIn(options.now, zone);
  const body = stripQuotedText(text);
  const locales = (options.locales ?? readingLanguages(body, zone)).map((locale) =>
    locale === 'en' ? englishFor(zone) : locale,
  );

  const mentions = collectMentions(body, locales, today);
  let best: { match: ReturnDateMatch; priority: number } | null = null;
  let anchor = today;
  for (const [i, mention] of mentions.entries()) {
    const cue = readCue(body, mention, mentions[i - 1], mentions[i + 1]);
    const part = cue?.part ?? mention.start;
    const named = resolveDatePart(part, today, part.kind === 'date' ? today : anchor);
    const date = named && cue ? readPastTheOtherWay(named, part, mention.text, cue.rule, today) : named;
    // A later "back on Monday" counts from the last full date the text named, cued or not.
    if (date && part.kind === 'date' && Temporal.PlainDate.compare(date, anchor) > 0) anchor = date;
    if (!cue || !date || (best && best.priority >= cue.priority)) continue;
    const returnDay = cue.rule === 'on' ? date : date.add({ days: 1 });
    const resumeAt = morningOf(returnDay, zone);
    if (resumeAt.getTime() <= options.now.getTime()) continue;
    const match = {
      resumeAt,
      returnDay: returnDay.toString(),
      rule: cue.rule,
      phrase: mention.text,
      capped: false,
    };
    best = { match, priority: cue.priority };
  }
  if (!best) return null;
  const { match } = best;
  const cap = addCalendarDays(options.now, options.maxPauseDays ?? DEFAULT_MAX_PAUSE_DAYS, zone);
  return match.resumeAt.getTime() > cap.getTime() ? { ...match, resumeAt: cap, capped: true } : match;
}

/**
 * "12/11" read as 12 November is already over on 1 December; read day-first it is 11 December. A
 * numeric date whose day and month could swap is read the other way when the first reading is past,
 * before it is dropped as stale.
 */
function readPastTheOtherWay(
  date: Temporal.PlainDate,
  part: DatePart,
  text: string,
  rule: ReturnRule,
  today: Temporal.PlainDate,
): Temporal.PlainDate {
  const back = rule === 'on' ? date : date.add({ days: 1 });
  if (part.kind !== 'date' || Temporal.PlainDate.compare(back, today) > 0) return date;
  if (
    !/^\s*\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?\s*\.?$/.test(text) ||
    part.day > 12 ||
    part.day === part.month
  )
    return date;
  const swapped = resolveDatePart({ ...part, month: part.day, day: part.month }, today, today);
  return swapped && Temporal.PlainDate.compare(swapped, today) > 0 ? swapped : date;
}

/**
 * Languages ordered by how many of their typical words the text contains; English breaks ties because
 * most multilingual auto-replies lead with it. Order matters only where two locales read the same span
 * differently, which in practice means numeric dates.
 */
export function rankLanguages(text: string, timeZone: string): ReturnDateLocale[] {
  return scoreLanguages(text).map(({ language }) => (language === 'en' ? englishFor(timeZone) : language));
}

/**
 * The languages a text is read in: those with at least one typical word, best first, and English. Each
 * chrono locale costs a full pass over the text, and a locale whose words are absent can only re-find
 * numeric dates another locale already read, so those are skipped (the replies bench: 2.1x as many
 * classifications per second).
 */
export function readingLanguages(text: string, timeZone: string): ReturnDateLocale[] {
  return scoreLanguages(text)
    .filter(({ language, score }) => score > 0 || language === 'en')
    .map(({ language }) => (language === 'en' ? englishFor(timeZone) : language));
}

function scoreLanguages(text: string): { language: ReplyLanguage; score: number }[] {
  const scored = REPLY_LANGUAGES.map((language, order) => ({
    language,
    order,
    score: distinctMatches(LANGUAGE_HINTS[language], text).length,
  }));
  // Kana is Japanese only; Han without kana is Chinese. Either script outweighs any Latin word list.
  const cjk = /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)
    ? 'ja'
    : /\p{Script=Han}/u.test(text)
      ? 'zh'
      : null;
  for (const s of scored) if (s.language === cjk) s.score += 100;
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored;
}

/**
 * Month-first numeric dates are a North American habit; everyone else who writes English (UK, Ireland,
 * India, Australia, Singapore…) puts the day first. The zone is the only hint we have about which; it
 * misreads Latin Americans writing numeric dates in English, whose auto-replies are mostly Spanish or
 * Portuguese and read day-first by those locales.
 */
function englishFor(timeZone: string): ParserLocale {
  return /^(?:America|US|Canada)\//.test(timeZone) || timeZone === 'Pacific/Honolulu' ? 'en-US' : 'en-GB';
}

/** Casual parsers, so that "tomorrow", "morgen" and "lunes" count as well as full dates. */
type ParserLocale = Exclude<ReturnDateLocale, 'en'>;
const PARSERS: Record<ParserLocale, Chrono> = {
  'en-GB': en.GB,
  'en-US': en.casual,
  de: de.casual,
  fr: fr.casual,
  es: es.casual,
  pt: pt.casual,
  nl: nl.casual,
  it: it.casual,
  sv: sv.casual,
  ja: ja.casual,
  zh: zh.casual,
};

function collectMentions(
  text: string,
  locales: readonly ParserLocale[],
  today: Temporal.PlainDate,
): DateMention[] {
  // chrono fills missing fields from a reference read in the process's own zone; a local noon on the
  // contact's today makes "Monday" or "tomorrow" mean the contact's, wherever the code runs.
  const reference = new Date(today.year, today.month - 1, today.day, 12);
  const mentions: DateMention[] = [];
  const overlaps = (index: number, end: number) => mentions.some((m) => index < m.end && m.index < end);
  for (const locale of locales) {
    for (const result of PARSERS[locale].parse(text, reference)) {
      const start = toDatePart(result.start);
      const end = result.index + result.text.length;
      if (!start || overlaps(result.index, end)) continue;
      // Two- and three-letter weekday abbreviations are ordinary words elsewhere: Spanish "mi" (my),
      // English "Mon" in French "mon retour", Dutch "do"/"di". A weekday alone must be written out.
      if (start.kind === 'weekday' && !/\p{L}{4,}/u.test(result.text)) continue;
      const until = result.end ? toDatePart(result.end) : null;
      mentions.push({ index: result.index, end, text: result.text, start, ...(until ? { until } : {}) });
    }
  }
  for (const mention of fallbackDateMentions(text)) {
    if (!overlaps(mention.index, mention.end)) mentions.push(mention);
  }
  return mentions.sort((a, b) => a.index - b.index);
}

/** Times alone ("at 9"), months alone and years alone name no return day. */
function toDatePart(components: ParsedComponents): DatePart | null {
  const month = components.get('month');
  const day = components.get('day');
  if (components.isCertain('day') && month !== null && day !== null) {
    const year = components.isCertain('year') ? (components.get('year') ?? undefined) : undefined;
    return year === undefined ? { kind: 'date', month, day } : { kind: 'date', year, month, day };
  }
  const weekday = components.get('weekday');
  if (components.isCertain('weekday') && weekday !== null) return { kind: 'weekday', weekday };
  return null;
}

interface Cue {
  rule: ReturnRule;
  part: DatePart;
  /** 3 explicit return, 2 "until" or range end, 1 "from". */
  priority: number;
}

/**
 * Cut at line breaks and sentence ends. A full stop followed by a capital, so that the dots inside
 * "14.12." and abbreviations like "einschl." do not split a clause.
 */
const CLAUSE_BREAK = /\n|[!?;]\s|\.\s+(?=\p{Lu})/gu;

function readCue(
  text: string,
  mention: DateMention,
  previous: DateMention | undefined,
  next: DateMention | undefined,
): Cue | null {
  const before = clauseBefore(text, Math.max(previous?.end ?? 0, mention.index - 80), mention.index);
  const after = clauseAfter(text, mention.end, Math.min(next?.index ?? text.length, mention.end + 50));
  if (mention.until) {
    // "Monday to Friday" is opening hours in a ticket acknowledgement, not an absence.
    if (mention.start.kind === 'weekday' && mention.until.kind === 'weekday') return null;
    return { rule: 'after', part: mention.until, priority: 2 };
  }
  // A range chrono left in two pieces: the first piece is where the absence starts, never the return;
  // weekday to weekday is opening hours ("Monday to Friday, 9am–5pm").
  if (next && RANGE_CONNECTOR.test(text.slice(mention.end, next.index))) return null;
  if (previous && RANGE_CONNECTOR.test(text.slice(previous.end, mention.index))) {
    if (previous.start.kind === 'weekday' && mention.start.kind === 'weekday') return null;
    return { rule: 'after', part: mention.start, priority: 2 };
  }
  if (CJK_UNTIL_AFTER.test(after) || CJK_UNTIL_BEFORE.test(before)) {
    return { rule: 'after', part: mention.start, priority: 2 };
  }
  if (CJK_RETURN_AFTER.test(after)) return { rule: 'on', part: mention.start, priority: 3 };
  if (UNTIL_BEFORE_DATE.test(before)) {
    return RETURN_WORDS.test(before) && NEGATION_WORDS.test(before)
      ? { rule: 'on', part: mention.start, priority: 3 }
      : { rule: 'after', part: mention.start, priority: 2 };
  }
  if (RETURN_WORDS.test(before) || RETURN_WORDS.test(after)) {
    return { rule: 'on', part: mention.start, priority: 3 };
  }
  if (FROM_WORDS.test(before)) return { rule: 'on', part: mention.start, priority: 1 };
  return null;
}

/**
 * Lotus Notes and plain-text clients wrap lines mid-sentence ("will not return until\n14.12.2026"):
 * a line break after a word (not after a full stop, colon or the like) continues the clause.
 */
function unwrap(window: string): string {
  return window.replace(/([^\s.!?:;])[ \t]*\r?\n[ \t]*(?=\S|$)/gu, '$1 ');
}

function clauseBefore(text: string, from: number, to: number): string {
  const window = unwrap(text.slice(from, to));
  let start = 0;
  for (const m of window.matchAll(CLAUSE_BREAK)) start = m.index + m[0].length;
  return window.slice(start);
}

function clauseAfter(text: string, from: number, to: number): string {
  const window = unwrap(text.slice(from, to));
  const first = window.search(CLAUSE_BREAK);
  return first === -1 ? window : window.slice(0, first);
}

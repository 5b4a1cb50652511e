import { phrasePattern } from './phrase-pattern';

/** Languages whose out-of-office wording Stride reads; each has a chrono-node locale of the same code. */
export const REPLY_LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'nl', 'it', 'sv', 'ja', 'zh'] as const;
export type ReplyLanguage = (typeof REPLY_LANGUAGES)[number];

/**
 * How a date found in an out-of-office text relates to the return:
 * - `on`: the contact is back that day ("back on", "zurück am", "de retour le", "terug op", "rientro il");
 * - `after`: the absence lasts through that day ("until", "bis", "jusqu'au", "hasta", "até", "tot",
 *   "fino al", or the end of a range), so the contact is back the day after. "Until the 14th" is
 *   ambiguous in every language; most auto-replies write the last day away, and resuming a day late
 *   costs less than a follow-up landing on the last day of a holiday.
 */
export type ReturnRule = 'on' | 'after';

/** Words that put the absence up to and including the date right after them. */
const UNTIL_WORDS = [
  'until',
  'till',
  'til',
  'through',
  'thru',
  'up to',
  'bis',
  "jusqu['’]?(?:au|à|a)",
  'jusque',
  'hasta',
  'até',
  'ate',
  'tot(?: en met)?',
  't/m',
  'fino',
  'sino',
  // pl, sv, da (Polish "do" and Swedish "till" are until; no chrono parser for pl and da, see fallback)
  'do',
  'till och med',
  'till',
  'tills',
  'fram till',
  't\\.o\\.m\\.?',
  'til og med',
  'indtil',
  // The second number of a range chrono did not merge: "del 1 al 11 de diciembre", "1.–11. Dezember".
  '\\d{1,2}(?:\\.|º|ª|er|st|nd|rd|th)?\\s*(?:al|au|a|à|to|bis|tot|–|-)',
];

/**
 * Small words allowed between an "until" word and its date ("bis einschließlich zum", "hasta el día",
 * "fino all'"), plus one weekday-like word followed by a comma ("bis Freitag, 11.12."), which the
 * fallback parser leaves outside its match.
 */
const UNTIL_FILLERS = [
  'and including',
  'including',
  'inclusive',
  'einschließlich',
  'einschl\\.',
  'inkl\\.',
  'inklusive',
  'zum',
  'zur',
  'den',
  'dem',
  'the',
  'el',
  'la',
  'le',
  'lo',
  'il',
  'al',
  'all',
  'a',
  'ao',
  'à',
  'au',
  'o',
  'dia',
  'día',
  'de',
  'en met',
  'dnia',
  '\\p{L}+,',
];

/** The "until" word must be the last thing before the date, fillers aside. */
export const UNTIL_BEFORE_DATE = new RegExp(
  `(?<![\\p{L}])(?:${UNTIL_WORDS.join('|')})(?:[\\s'’,]+(?:${UNTIL_FILLERS.join('|')})(?![\\p{L}]))*[\\s'’,]*$`,
  'iu',
);

/**
 * What stands between the two dates of a range when chrono read them as separate mentions ("del 20 de
 * diciembre al 4 de enero"): the second one is then the last day away, like any other range end.
 */
export const RANGE_CONNECTOR =
  /^[\s,]*(?:al|au|à|a|to|till|until|through|bis|tot|t\/m|fino al|–|—|-)[\s,]*$/iu;

/**
 * Words that say the contact returns, in the same clause as the date, before or after it ("Ab dem
 * 15.12. bin ich wieder erreichbar"). Stems rather than conjugations where a language inflects heavily.
 */
export const RETURN_WORDS = phrasePattern([
  // en; "get back to you" is a promise to answer, not a return
  'back(?!\\s+to\\s+(?:you|your))',
  'return(?:ing|s)?',
  'available again',
  'in the office',
  'available',
  'reachable',
  'resum(?:e|ing)',
  // de
  'zurück',
  'wieder',
  'rückkehr',
  'erreichbar',
  // fr
  'retour',
  'revien(?:s|drai)',
  'rentre(?:rai)?',
  'joignable',
  'disponible',
  // es
  'de vuelta',
  'vuelvo',
  'volveré',
  'regres(?:o|aré)',
  'reincorpor\\p{L}*',
  // pt
  'retorno',
  'retornarei',
  'volto',
  'voltarei',
  'de volta',
  'regressarei',
  'disponível',
  // nl
  'terug',
  'weer',
  // it
  'rientr\\p{L}*',
  'ritorno',
  'torn(?:o|erò)',
  'di nuovo',
  'disponibile',
  // pl, sv, da
  'wracam',
  'powrót',
  'wrócę',
  'dostępn\\p{L}*',
  'tillbaka',
  'åter',
  'tilbage',
]);

/**
 * "From" words: in an active auto-reply the only future "from" date is the return ("ab 4. Januar",
 * "vanaf 4 januari", "à partir du 4 janvier"). Weaker than an explicit return word because a human-
 * sounding "I'm out from the 20th" names the start of an absence; a range or a return word wins.
 */
export const FROM_WORDS = phrasePattern([
  'from',
  'ab',
  'à partir du',
  'dès le',
  'a partir del?',
  'desde el',
  'a partir do',
  'vanaf',
  'a partire dal?',
  'od',
  'från och med',
  'fra og med',
]);

/**
 * "I won't be back until Monday" means back on Monday, not the day after. A negation together with a
 * return word before an "until" word turns `after` into `on` in every language we read.
 */
export const NEGATION_WORDS = phrasePattern([
  'not',
  "\\p{L}*n['’]t",
  'nicht',
  'erst',
  'no',
  'não',
  'só',
  'niet',
  'pas',
  'non',
]);

/**
 * Words typical of one language, used only to decide which chrono locale reads a message first, so that
 * "04/01/2027" in a French text is 4 January and not April 1st. Month names carry most of the weight.
 */
export const LANGUAGE_HINTS: Record<ReplyLanguage, RegExp> = {
  en: phrasePattern([
    'the',
    'and',
    'until',
    'back',
    'office',
    'january',
    'february',
    'march',
    'april',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ]),
  de: phrasePattern([
    'ich',
    'und',
    'bis',
    'zurück',
    'wieder',
    'büro',
    'januar',
    'februar',
    'märz',
    'juni',
    'juli',
    'oktober',
    'dezember',
  ]),
  fr: phrasePattern([
    'je',
    'et',
    'jusqu',
    'retour',
    'bureau',
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ]),
  es: phrasePattern([
    'estoy',
    'y',
    'hasta',
    'vuelta',
    'oficina',
    'enero',
    'febrero',
    'marzo',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'septiembre',
    'octubre',
    'noviembre',
    'diciembre',
  ]),
  pt: phrasePattern([
    'estou',
    'e',
    'até',
    'retorno',
    'escritório',
    'janeiro',
    'fevereiro',
    'março',
    'maio',
    'junho',
    'julho',
    'setembro',
    'outubro',
    'novembro',
    'dezembro',
  ]),
  nl: phrasePattern([
    'ik',
    'en',
    'tot',
    'terug',
    'kantoor',
    'januari',
    'februari',
    'maart',
    'mei',
    'juni',
    'juli',
    'augustus',
    'oktober',
    'december',
  ]),
  sv: phrasePattern([
    'jag',
    'och',
    'till',
    'tillbaka',
    'kontoret',
    'januari',
    'februari',
    'mars',
    'maj',
    'juni',
    'juli',
    'augusti',
    'oktober',
    'semester',
  ]),
  // Japanese and Chinese are told apart by script in rankLanguages; no word list needed.
  ja: /$^/u,
  zh: /$^/u,
  it: phrasePattern([
    'sono',
    'e',
    'fino',
    'rientro',
    'ufficio',
    'gennaio',
    'febbraio',
    'marzo',
    'aprile',
    'maggio',
    'giugno',
    'luglio',
    'settembre',
    'ottobre',
    'novembre',
    'dicembre',
  ]),
};

/** Japanese and Chinese put "until" and "return" after the date: 12月14日まで, 12月14日返回. */
export const CJK_UNTIL_AFTER = /^\s*(?:まで|迄|为止|止)/u;
export const CJK_RETURN_AFTER =
  /^\s*(?:に|より|から|起)?\s*(?:戻|復帰|出社|帰社|返回|回到|回来|回公司|上班|恢复)/u;
export const CJK_UNTIL_BEFORE = /(?:至|到|直到|截至)\s*$/u;

import { distinctMatches, phrasePattern } from './phrase-pattern';

/**
 * Wording of auto-replies in the seven languages Stride reads, split by how much it proves. The split
 * matters because a human reply may say "out of office" too ("I was out of office last week, happy to
 * talk now") and must still end the sequence: only machine wording and absence wording together, or a
 * lot of absence wording, make a message an auto-reply.
 */

/** Subject prefixes that mail clients and servers write themselves (Exchange, Outlook, Zimbra, cPanel). */
const AUTO_SUBJECT = new RegExp(
  `^\\s*(?:\\[[^\\]]*\\]\\s*)?(?:${[
    'automatic reply',
    'automatic response',
    'automated reply',
    'automated response',
    'auto[- ]?reply',
    'auto[- ]?response',
    'autorespond(?:er)?',
    'automatische antwort',
    'autom\\. antwort',
    'r[ée]ponse automatique',
    'respuesta autom[aá]tica',
    'resposta autom[aá]tica',
    'automatisch antwoord',
    'risposta automatica',
  ].join('|')})(?![\\p{L}])`,
  'iu',
);

/** Absence words in a subject; Gmail's vacation responder sends whatever subject the user typed. */
const ABSENCE_SUBJECT_WORDS = [
  'out of (?:the )?office',
  'ooo',
  'away from (?:the )?office',
  'on (?:annual |parental |maternity |paternity )?(?:vacation|holiday|leave)',
  'abwesenheitsnotiz',
  'abwesenheit',
  'abwesend',
  'nicht im büro',
  'urlaub',
  'absence du bureau',
  'absente?',
  'en congés?',
  'fuera de (?:la )?oficina',
  'ausente',
  'ausencia',
  'de vacaciones',
  'fora do escritório',
  'ausência',
  'de férias',
  'afwezig(?:heid)?',
  'niet op kantoor',
  'met vakantie',
  'fuori (?:sede|ufficio)',
  'assente',
  'in ferie',
];
const ABSENCE_SUBJECT_START = new RegExp(`^\\s*(?:${ABSENCE_SUBJECT_WORDS.join('|')})(?![\\p{L}])`, 'iu');
const ABSENCE_SUBJECT_ANYWHERE = phrasePattern(ABSENCE_SUBJECT_WORDS);

/** Sentences only software writes about itself. */
const AUTO_BODY = phrasePattern([
  'automatic(?:ally generated)? (?:reply|response|message)',
  'automated (?:reply|response|message)',
  'auto-?(?:reply|response)',
  'automatically generated',
  'do not reply to this (?:e-?mail|message)',
  'this mailbox is (?:no longer |not )monitored',
  'automatische (?:antwort|nachricht|e-mail)',
  'automatisch (?:generiert|erzeugt|erstellt)e?',
  'r[ée]ponse automatique',
  'message automatique',
  'généré automatiquement',
  'respuesta autom[aá]tica',
  'mensaje autom[aá]tico',
  'generado automáticamente',
  'resposta autom[aá]tica',
  'mensagem autom[aá]tica',
  'gerada automaticamente',
  'automatisch (?:antwoord|bericht|gegenereerd)',
  'risposta automatica',
  'messaggio automatico',
  'generato automaticamente',
]);

/** Being away, in the present tense of an auto-reply. */
const ABSENCE_BODY = phrasePattern([
  'out of (?:the )?office',
  'away from (?:the )?office',
  'on (?:annual |parental |maternity |paternity |sick )?(?:leave|vacation|holidays?)',
  'limited (?:access to (?:my )?e-?mail|availability)',
  'no access to (?:my )?e-?mails?',
  'nicht im büro',
  'außer haus',
  'im urlaub',
  'abwesend',
  'nicht erreichbar',
  'eingeschränkt erreichbar',
  'absente? du bureau',
  'en congés?',
  'en vacances',
  'absente?',
  'accès limité',
  'fuera de (?:la )?oficina',
  'de vacaciones',
  'ausente',
  'acceso limitado',
  'fora do escritório',
  'de férias',
  'em licença',
  'acesso limitado',
  'afwezig',
  'niet op kantoor',
  'met vakantie',
  '(?:beperkt|niet) bereikbaar',
  'fuori (?:sede|ufficio)',
  'in ferie',
  'assente',
  'accesso limitato',
]);

/** Pointing to a stand-in is what auto-replies do and humans answering a pitch rarely do. */
const URGENT_CONTACT = phrasePattern([
  'for (?:any )?urgent (?:matters|requests|enquiries|inquiries|issues)',
  'for anything urgent',
  "if (?:it is|it[’']s|your (?:matter|request) is) urgent",
  'in urgent cases',
  'in dringenden (?:fällen|angelegenheiten)',
  'bei dringenden anliegen',
  "en cas d[’']urgence",
  'pour toute (?:demande )?urgen(?:te|ce)',
  'para (?:asuntos|temas) urgentes',
  'en caso de urgencia',
  'para assuntos urgentes',
  'em caso de urgência',
  'voor dringende (?:zaken|vragen)',
  'in dringende gevallen',
  'per (?:questioni |richieste )?urgen(?:ze|ti)',
  'in caso di urgenza',
]);

/** Absence told as the past: the person is back and writing. */
const PAST_ABSENCE = phrasePattern([
  "(?:was|were|have been|had been|i[’']ve been)\\s+(?:\\p{L}+\\s+){0,3}(?:out of (?:the )?office|on (?:vacation|holiday|leave)|away|ooo)",
  '(?:just )?(?:got )?back from (?:my |the )?(?:vacation|holidays?|leave|trip)',
  'war\\s+(?:\\p{L}+\\s+){0,3}(?:im urlaub|nicht im büro|abwesend)',
  'zurück aus dem urlaub',
  "(?:j[’']étais|étais)\\s+(?:\\p{L}+\\s+){0,3}(?:en congés?|en vacances|absente?)",
  'estaba\\s+(?:\\p{L}+\\s+){0,3}(?:de vacaciones|fuera|ausente)',
  'estava\\s+(?:\\p{L}+\\s+){0,3}(?:de férias|fora|ausente)',
  'was\\s+(?:\\p{L}+\\s+){0,3}(?:met vakantie|afwezig)',
  'ero\\s+(?:\\p{L}+\\s+){0,3}(?:in ferie|fuori|assente)',
]);

/** A person engaging with the pitch; auto-replies neither ask questions nor offer calls. */
const ENGAGEMENT = phrasePattern([
  'happy to (?:talk|chat|connect|meet|discuss|help)',
  "let[’']s (?:talk|chat|connect|meet|schedule|set up|find)",
  'sounds (?:good|great|interesting)',
  '(?:not )?interested',
  'lassen sie uns (?:sprechen|telefonieren)',
  'gerne (?:ein )?(?:gespräch|telefonat|termin)',
  'parlons',
  'on peut (?:se parler|échanger|en parler)',
  'hablemos',
  'podemos (?:hablar|conversar|agendar)',
  'podemos (?:falar|marcar)',
  'laten we (?:bellen|afspreken|praten)',
  'possiamo (?:sentirci|parlarne|parlare)',
  'sentiamoci',
  'interesse',
  'intéress(?:é|e|ant)',
  'interesad[oa]',
  'interessad[oa]',
  'geïnteresseerd',
  'interessat[oa]',
]);

export interface TextCues {
  /** 3 for a client-written subject prefix, 2 for machine wording in the body. */
  machine: number;
  /** Absence wording: subject 3 (at the start) or 2, each distinct body phrase 1, at most 2. */
  absence: number;
  /** Stand-in contact, a return date: 1 each; they only ever add to absence. */
  support: number;
  /** Past-tense absence and engagement: 2 each, subtracted. */
  conversation: number;
  evidence: string[];
}

/**
 * Scores a message's subject and (already unquoted) body. `hasReturnDate` is passed in rather than
 * computed so that return-date parsing stays in one place and runs once.
 */
export function scoreTextCues(subject: string, body: string, hasReturnDate: boolean): TextCues {
  const cues: TextCues = { machine: 0, absence: 0, support: 0, conversation: 0, evidence: [] };
  const autoSubject = AUTO_SUBJECT.exec(subject);
  if (autoSubject) {
    cues.machine += 3;
    cues.evidence.push(`subject "${autoSubject[0].trim()}"`);
  }
  const autoBody = distinctMatches(AUTO_BODY, body);
  if (autoBody.length > 0) {
    cues.machine += 2;
    cues.evidence.push(`body "${autoBody[0]}"`);
  }

  // At the start the subject is the responder's own ("Out of Office: …"); further in it may be the
  // rep's subject quoted back, or a human's "Re: before you go on vacation".
  const subjectStart = ABSENCE_SUBJECT_START.exec(subject);
  const subjectAbsence = subjectStart ?? ABSENCE_SUBJECT_ANYWHERE.exec(subject);
  if (subjectAbsence) {
    cues.absence += subjectStart ? 3 : 2;
    cues.evidence.push(`subject "${subjectAbsence[0].trim()}"`);
  }
  const bodyAbsence = distinctMatches(ABSENCE_BODY, body).slice(0, 2);
  cues.absence += bodyAbsence.length;
  cues.evidence.push(...bodyAbsence.map((phrase) => `body "${phrase}"`));

  const urgent = distinctMatches(URGENT_CONTACT, body);
  if (urgent.length > 0) {
    cues.support += 1;
    cues.evidence.push(`stand-in "${urgent[0]}"`);
  }
  if (hasReturnDate) cues.support += 1;

  const past = distinctMatches(PAST_ABSENCE, body);
  if (past.length > 0) {
    cues.conversation += 2;
    cues.evidence.push(`past tense "${past[0]}"`);
  }
  const engagement = distinctMatches(ENGAGEMENT, body);
  if (engagement.length > 0 || /\?\s*(?:\n|$)/u.test(body)) {
    cues.conversation += 2;
    cues.evidence.push(engagement[0] ? `engagement "${engagement[0]}"` : 'a question');
  }
  return cues;
}

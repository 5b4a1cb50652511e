import {
  ABSENCE_BODY,
  ABSENCE_SUBJECT_ANYWHERE,
  ABSENCE_SUBJECT_START,
  AUTO_BODY,
  AUTO_SUBJECT,
  CJK_ABSENCE,
  CJK_AUTO,
  ENGAGEMENT,
  META_TALK,
  PAST_ABSENCE,
  RETURNING,
  URGENT_CONTACT,
} from './auto-reply-phrases';
import { distinctMatches } from './phrase-pattern';

export interface TextCues {
  /** 3 for a client-written subject prefix, 2 for machine wording in the body. */
  machine: number;
  /** Absence wording: subject 3 (at the start) or 2, each distinct body phrase 1, at most 2. */
  absence: number;
  /** Stand-in contact, a return date: 1 each; they only ever add to absence. */
  support: number;
  /** Past-tense absence and engagement: 2 each, subtracted. */
  conversation: number;
  /** Talk about an auto-reply (quoting, translating, apologising for one): a person wrote it. */
  meta: number;
  /** A return announced ("back on", "wieder im Büro"), which with a date is an absence notice. */
  returning: boolean;
  evidence: string[];
}

/**
 * Scores a message's subject and (already unquoted) body. `hasReturnDate` is passed in rather than
 * computed so that return-date parsing stays in one place and runs once.
 */
export function scoreTextCues(subject: string, body: string, hasReturnDate: boolean): TextCues {
  const cues: TextCues = {
    machine: 0,
    absence: 0,
    support: 0,
    conversation: 0,
    meta: 0,
    returning: false,
    evidence: [],
  };
  const autoSubject = AUTO_SUBJECT.exec(subject) ?? CJK_AUTO.exec(subject);
  if (autoSubject) {
    cues.machine += 3;
    cues.evidence.push(`subject "${autoSubject[0].trim()}"`);
  }
  const autoBody = distinctMatches(AUTO_BODY, body);
  const cjkAuto = CJK_AUTO.exec(body);
  if (cjkAuto) autoBody.push(cjkAuto[0]);
  if (autoBody.length > 0) {
    cues.machine += 2;
    cues.evidence.push(`body "${autoBody[0]}"`);
  }

  // At the start the subject is the responder's own ("Out of Office: …"); further in it may be the
  // rep's subject quoted back, or a human's "Re: before you go on vacation".
  const subjectStart = ABSENCE_SUBJECT_START.exec(subject);
  const subjectAbsence = subjectStart ?? ABSENCE_SUBJECT_ANYWHERE.exec(subject) ?? CJK_ABSENCE.exec(subject);
  if (subjectAbsence) {
    cues.absence += subjectStart ? 3 : 2;
    cues.evidence.push(`subject "${subjectAbsence[0].trim()}"`);
  }
  const cjkAbsence = CJK_ABSENCE.exec(body);
  const bodyAbsence = [...distinctMatches(ABSENCE_BODY, body), ...(cjkAbsence ? [cjkAbsence[0]] : [])].slice(
    0,
    2,
  );
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
  const meta = distinctMatches(META_TALK, body);
  if (meta.length > 0) {
    cues.meta = 1;
    cues.evidence.push(`talks about an auto-reply "${meta[0]}"`);
  }
  cues.returning = RETURNING.test(body) || CJK_RETURNING.test(body);
  return cues;
}

/** Japanese and Chinese return announcements: 戻ります, 出社します, 返回, 回到办公室. */
const CJK_RETURNING = /戻り|戻ります|復帰|出社|帰社|返回|回到|回来|上班/u;

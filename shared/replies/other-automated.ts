import { addressOf, NOREPLY_SENDER } from './bounce';
import type { AutomatedKind, MessageReport } from './classify-message';
import { getHeader, type MessageHeaders } from './headers';
import { phrasePattern } from './phrase-pattern';

export interface AutomatedVerdict {
  kind: AutomatedKind;
  evidence: string;
}

interface Message {
  from: string;
  subject?: string | undefined;
  headers?: MessageHeaders | undefined;
  reports?: readonly MessageReport[] | undefined;
}

/** Prefixes clients put on read and delivery receipts (Outlook in its UI languages, QQ, Japanese clients). */
const RECEIPT_SUBJECT = new RegExp(
  `^\\s*(?:${[
    'read',
    'read receipt',
    'return receipt',
    'delivered',
    'gelesen',
    'zugestellt',
    'lu',
    'remis',
    'leído',
    'entregado',
    'lido',
    'entregue',
    'gelezen',
    'bezorgd',
    'letto',
    'recapitato',
    'odczytano',
    'odczytana',
    'läst',
    'læst',
    'levererat',
    'leveret',
    '已读',
    '已讀',
    '回执',
    '既読',
    '開封済み',
    '開封確認',
  ].join('|')})\\s*[:：]`,
  'iu',
);
const RECEIPT_SUBJECT_WHOLE =
  /^\s*(?:已读回执|已讀回執|开封确认|read receipt|return receipt|empfangsbestätigung|lesebestätigung|accusé de (?:lecture|réception))\b/iu;

const RECEIPT_BODY = phrasePattern([
  'was read on',
  'has been read',
  'was delivered to the following recipients?',
  'delivery to these recipients or groups is complete',
  'wurde am .{0,40} gelesen',
  'wurde gelesen',
  'a été lu',
  'fue leído',
  'foi lid[oa]',
  'is gelezen',
  'è stato letto',
  'został(?:a)? przeczytan[ya]',
  'lästes',
  'blev læst',
  '已被阅读',
  '已读',
  '開封されました',
]);

/**
 * Read and delivery receipts (RFC 8098 and client-made), abuse feedback reports (RFC 5965): answers
 * a machine gives about our email, read before absence wording because they quote our subject.
 */
export function detectReceiptOrReport(msg: Message, body: string): AutomatedVerdict | null {
  const reportTypes = (msg.reports ?? []).map((r) => r.type);
  const contentType = getHeader(msg.headers, 'Content-Type')?.toLowerCase() ?? '';
  const reportType = /report-type\s*=\s*"?([\w-]+)/.exec(contentType)?.[1];
  if (reportTypes.includes('message/feedback-report') || reportType === 'feedback-report') {
    return { kind: 'abuse_report', evidence: 'feedback report (RFC 5965)' };
  }
  const feedback =
    /^\s*Feedback-Type:\s*(\S+)/im.exec(body) ?? /\babuse report for\b|\bfeedback loop\b/i.exec(body);
  if (feedback) return { kind: 'abuse_report', evidence: `"${feedback[0].trim()}"` };
  if (
    reportTypes.some((t) => t.endsWith('disposition-notification')) ||
    reportType === 'disposition-notification'
  ) {
    return { kind: 'read_receipt', evidence: 'disposition notification (RFC 8098)' };
  }
  const subject = msg.subject ?? '';
  const prefix = RECEIPT_SUBJECT.exec(subject) ?? RECEIPT_SUBJECT_WHOLE.exec(subject);
  const wording = RECEIPT_BODY.exec(body);
  // A receipt is short; a long text under a "Read:" subject is more likely a person's own subject line.
  if (prefix && (wording || body.length < 600))
    return { kind: 'read_receipt', evidence: `subject "${prefix[0].trim()}"` };
  if (
    wording &&
    body.length < 600 &&
    /^\s*(?:your message|ihre nachricht|votre message|su mensaje|a sua mensagem|uw bericht|il (?:tuo|suo) messaggio)/i.test(
      body,
    )
  ) {
    return { kind: 'read_receipt', evidence: `"${wording[0]}"` };
  }
  return null;
}

/** "We have received your request": help desks, shared inboxes and CRMs, in the languages read. */
const TICKET_BODY = phrasePattern([
  "we(?: have|[’']ve)? (?:successfully )?received your (?:request|message|e-?mail|inquiry|enquiry|ticket|application|submission)",
  'your (?:request|message|e-?mail|inquiry|enquiry) has been received',
  'thank you for contacting (?:us|our)',
  'a (?:support )?(?:ticket|case|request) has been (?:created|opened|logged)',
  'your (?:ticket|case|request) (?:number|id|reference)',
  '(?:ticket|case|request|reference) (?:number|id|no\\.?|#)\\s*:?\\s*#?[\\w-]*\\d',
  'our (?:support |customer service |service )?team will (?:get back|respond|reply|be in touch|contact you)',
  'wir haben ihre (?:anfrage|nachricht|e-mail|mail) erhalten',
  'ihre (?:anfrage|nachricht) (?:ist bei uns eingegangen|wurde empfangen)',
  'vielen dank für ihre (?:anfrage|nachricht)\\. wir',
  'nous avons (?:bien )?reçu votre (?:demande|message|e-?mail|courriel)',
  'hemos recibido (?:su|tu) (?:solicitud|mensaje|consulta|correo)',
  'recebemos (?:a )?(?:sua|tua) (?:solicitação|mensagem|pedido)',
  'we hebben (?:uw|je) (?:bericht|aanvraag|e-?mail|vraag) (?:in goede orde )?ontvangen',
  'abbiamo ricevuto (?:la )?(?:sua|tua) (?:richiesta|e-?mail|mail|messaggio)',
  'otrzymaliśmy (?:twoją|państwa|pana|pani) (?:wiadomość|prośbę|zgłoszenie)',
  'vi har (?:mottagit|modtaget) (?:ditt|din|dit|jeres|er)',
  'お問い合わせを受け付けました',
  '受け付けました',
  '我们已收到',
  '已收到您的',
]);
const TICKET_SUBJECT =
  /\[(?:#|ticket|case|request|support)[^\]]*\d[^\]]*\]|\b(?:ticket|case|request|anfrage|demande|solicitud)\s*(?:#|no\.?|nr\.?|id)\s*:?\s*[\w-]*\d/iu;

/** "Thank you for your email. I will reply as soon as possible": a responder, not an answer. */
const RESPONDER_BODY = phrasePattern([
  'thank you for (?:you|your) (?:e-?mail|message)\\.?\\s+(?:i|we) (?:will|shall) (?:endeavou?r to |try to )?(?:reply|respond|get back to you|answer)',
  'i will (?:endeavou?r to )?(?:reply|respond|get back to you) (?:to you )?as soon as (?:possible|i can)',
  'this (?:e-?mail|mailbox|inbox|address)(?: [^\\s]+)? is (?:no longer (?:in use|active|monitored)|not monitored)',
  'no longer (?:works|working) (?:here|at|for)',
  'has left the (?:company|organi[sz]ation|firm)',
  'nicht mehr (?:im unternehmen|für|bei uns)',
  'zukünftig\\s+[^\\s@]+@[^\\s@]+',
  'ne fait plus partie',
  'ya no (?:trabaja|forma parte)',
  'não faz mais parte',
  'niet meer (?:werkzaam|in dienst)',
  'non (?:lavora|fa) più',
]);

/**
 * Automated mail that is neither a report nor an absence: help desks, noreply senders, lists and
 * bulk senders, responders. Read after absence wording, since out-of-office answers carry most of
 * these marks too. `machine` is true when headers or wording already showed a responder wrote it.
 */
export function detectOtherAutomated(
  msg: Message,
  body: string,
  machine: boolean,
  conversing = false,
): AutomatedVerdict | null {
  const ticketSubject = TICKET_SUBJECT.exec(msg.subject ?? '');
  // Wording can be a person's ("we have received your proposal, let's talk"); headers cannot.
  const ticket = conversing ? null : TICKET_BODY.exec(body);
  if (ticket && (machine || ticketSubject || body.length < 1500))
    return { kind: 'ticket', evidence: `"${ticket[0]}"` };
  if (ticketSubject && machine) return { kind: 'ticket', evidence: `subject "${ticketSubject[0]}"` };
  const listId = getHeader(msg.headers, 'List-Id');
  const precedence = getHeader(msg.headers, 'Precedence')?.toLowerCase();
  if (listId || precedence === 'list')
    return { kind: 'list', evidence: listId ? `List-Id: ${listId}` : 'Precedence: list' };
  const sender = addressOf(msg.from);
  if (NOREPLY_SENDER.test(sender)) return { kind: 'noreply', evidence: `from ${sender}` };
  const responder = conversing ? null : RESPONDER_BODY.exec(body);
  if (responder && (machine || body.length < 500))
    return { kind: 'responder', evidence: `"${responder[0]}"` };
  if (precedence === 'bulk' || precedence === 'junk')
    return { kind: 'responder', evidence: `Precedence: ${precedence}` };
  return null;
}

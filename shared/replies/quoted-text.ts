/**
 * Lines that open the quoted original in a reply, in the clients and languages Stride reads. Everything
 * from the first of them on is the rep's own email coming back: its dates ("let's talk on 14 December")
 * are not a return date and its wording is not the contact's.
 */
const QUOTE_OPENERS: readonly RegExp[] = [
  // Gmail, Apple Mail, Thunderbird: "On Tue, Dec 1, 2026 at 10:00 AM Ana <ana@x.com> wrote:", which
  // clients wrap over two lines; German and Dutch put the verb before the name ("schrieb Ana <…>:").
  /^(?:On|Am|Le|El|Em|Op|Il)\s[\s\S]{4,200}?(?:wrote|schrieb|a écrit|escribió|escreveu|schreef|ha scritto)[^\n]{0,200}:\s*$/imu,
  // Outlook: a separator line, then From/Von/De/Van/Da headers.
  /^-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Mensagem original|Oorspronkelijk bericht|Messaggio originale)\s*-{2,}\s*$/imu,
  /^_{10,}\s*$/mu,
  /^(?:From|Von|De|Van|Da)\s*:\s.+\n(?:.*\n){0,3}(?:Sent|Gesendet|Envoyé|Enviado|Verzonden|Inviato|Date|Datum|Data)\s*:/imu,
];

/** The message without the quoted original: cut at the first opener and drop `>`-quoted lines. */
export function stripQuotedText(text: string): string {
  let cut = text.length;
  for (const opener of QUOTE_OPENERS) {
    const match = opener.exec(text);
    if (match && match.index < cut) cut = match.index;
  }
  return text
    .slice(0, cut)
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n')
    .trim();
}

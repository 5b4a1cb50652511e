/** Header maps as the extension scrapes them: names in whatever case the page showed. */
export type MessageHeaders = Readonly<Record<string, string>>;

/** Header lookup ignoring case (RFC 5322 names are case-insensitive); the first non-empty value wins. */
export function getHeader(headers: MessageHeaders | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.trim().toLowerCase() === wanted && value.trim() !== '') return value.trim();
  }
  return undefined;
}

export interface AutomationHeaders {
  /** A header that only automatic responders set: the message was not written by a person. */
  proof: string | null;
  /** `Precedence: bulk|junk`: automated mail, but also newsletters; proof only with absence wording. */
  bulk: string | null;
  /** Evidence too weak alone, worth a point in text scoring. */
  hint: string | null;
  /** A header that names the responder a vacation notice (iCloud's `X-Apple-Action: VACATION`). */
  absence: string | null;
}

/**
 * RFC 3834 headers first, because they are what responders agree on across languages; wording comes
 * second. Deliberately not read:
 * - `X-Auto-Response-Suppress`: Outlook and Exchange put it on ordinary mail written by people (meeting
 *   invitations, replies, anything from some tenants) to ask *other* servers not to auto-answer. It
 *   says nothing about whether this message was automatic, and treating it as proof would turn human
 *   replies from Exchange users into auto-replies that never finish the sequence.
 * - `Precedence: list`: mailing lists, never a responder.
 */
export function readAutomationHeaders(headers: MessageHeaders | undefined): AutomationHeaders {
  const result: AutomationHeaders = { proof: null, bulk: null, hint: null, absence: null };
  // iCloud's vacation responder sets no RFC 3834 header, only its own; it sends nothing else.
  const apple = getHeader(headers, 'X-Apple-Action');
  if (apple?.toUpperCase() === 'VACATION') result.absence = `X-Apple-Action: ${apple}`;
  const autoSubmitted = getHeader(headers, 'Auto-Submitted');
  // RFC 3834 §5: "no" is the only value meaning a person sent it; parameters may follow a ";".
  const autoSubmittedValue = autoSubmitted?.split(';')[0]?.trim().toLowerCase();
  if (autoSubmittedValue && autoSubmittedValue !== 'no') {
    result.proof = `Auto-Submitted: ${autoSubmitted}`;
    return result;
  }
  // Set by Postfix/Exim vacation, cPanel, Zimbra and Sendmail's vacation(1); any value counts, as some
  // write "yes", others the responder's name.
  for (const name of ['X-Autoreply', 'X-Autorespond', 'X-Autoresponder']) {
    const value = getHeader(headers, name);
    if (value !== undefined && value.toLowerCase() !== 'no') {
      result.proof = `${name}: ${value}`;
      return result;
    }
  }
  const precedence = getHeader(headers, 'Precedence')?.toLowerCase();
  if (precedence === 'auto_reply') {
    result.proof = `Precedence: ${precedence}`;
    return result;
  }
  if (precedence === 'bulk' || precedence === 'junk') result.bulk = `Precedence: ${precedence}`;
  // Exchange stamps messages its server-side inbox rules produced, which includes rule-based
  // auto-replies but also human mail a rule forwarded: a hint, never proof.
  const rulesLoop = getHeader(headers, 'X-MS-Exchange-Inbox-Rules-Loop');
  if (rulesLoop !== undefined) result.hint = `X-MS-Exchange-Inbox-Rules-Loop: ${rulesLoop}`;
  return result;
}

/** True when the headers alone prove an automatic responder sent the message (RFC 3834). */
export function isAutoSubmitted(headers: MessageHeaders | undefined): boolean {
  return readAutomationHeaders(headers).proof !== null;
}

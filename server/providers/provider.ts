import type { NotSentCode } from '../../shared/schemas/not-sent-code';

export interface MailAddress {
  address: string;
  name?: string;
}

/** Plain text is escaped into the HTML part; give `html` when the mailbox signature is rich. */
export type Signature = string | { text: string; html: string };

export interface OutgoingEmail {
  /**
   * `<uuid@domain>`, fixed before the first attempt: a retry, a reconcile and the next step's
   * In-Reply-To all name the same message, which is what keeps a send from happening twice.
   */
  messageId: string;
  from: MailAddress;
  to: MailAddress;
  /** Used as given: the caller builds "Re: …" (see domain/emails/reply-subject.ts) so every provider sees one subject. */
  subject: string;
  text: string;
  html?: string;
  signature?: Signature;
  inReplyTo?: string;
  references?: string[];
  /**
   * The provider's handle on the thread, as returned in SendResult.threadId by the first email:
   * Gmail's threadId; for Outlook the immutable id of the message to answer (createReply).
   */
  threadId?: string;
  headers?: Record<string, string>;
  listUnsubscribe?: { url: string; mailto?: string };
  /** Our email row id: travels as X-Stride-Email-Id and as provider metadata so webhooks find the row. */
  correlationId: string;
}

export interface SendResult {
  /** The Message-ID the delivered copy carries: ours, unless the server says it replaced it. */
  messageId: string;
  providerMessageId?: string;
  threadId?: string;
}

export type ReconcileResult = 'sent' | 'not_found' | 'unknown';

export type ProviderName = 'sandbox' | 'smtp' | 'gmail' | 'outlook' | 'sendgrid' | 'mailgun' | 'zero-latency';

export interface EmailProvider {
  readonly name: ProviderName;
  /** Resolves once the provider accepted the message; rejects with a ProviderError only. */
  send(email: OutgoingEmail, signal?: AbortSignal): Promise<SendResult>;
  /**
   * Present only where the provider can answer "did this Message-ID go out?" after a lost outcome.
   * 'unknown' means the question could not be answered now, never "not sent".
   */
  reconcile?(messageId: string, signal?: AbortSignal): Promise<ReconcileResult>;
}

/**
 * What the caller does with each kind:
 * - transient: try again later (after retryAfterMs when given), unless mayHaveSent.
 * - bounce: the address is bad; the email becomes `bounced` and the contact's address is flagged,
 *   so later sends are refused as `likely_to_bounce` (hence reason null here).
 * - blocked: this message was refused (spam filter, policy, invalid address); `not_sent` with reason.
 * - auth: the mailbox cannot send until someone reconnects it; mailbox inactive, `mailbox_inactive`.
 * - not_enabled: the account has no mail service (Gmail) or no REST mailbox (Graph).
 * - missing_thread: the thread to answer is gone; `missing_thread_info`.
 * - unknown: nothing above; `other`, with the provider's words kept in detail.
 */
export type ProviderErrorKind =
  | 'transient'
  | 'bounce'
  | 'blocked'
  | 'auth'
  | 'not_enabled'
  | 'missing_thread'
  | 'unknown';

const defaultReason: Record<ProviderErrorKind, NotSentCode | null> = {
  transient: null,
  bounce: null,
  blocked: 'email_service_provider_error',
  auth: 'mailbox_inactive',
  not_enabled: 'email_service_provider_error',
  missing_thread: 'missing_thread_info',
  unknown: 'other',
};

export interface ProviderErrorInit {
  kind: ProviderErrorKind;
  /** Defaults by kind (see defaultReason); null for transient and bounce. */
  reason?: NotSentCode | null;
  /** The provider's own words, e.g. "550 5.1.1 User Unknown". */
  detail: string;
  retryAfterMs?: number;
  /**
   * True when the request may have reached the provider before it failed (socket dropped after
   * the message went out, response lost, 5xx from a gateway). Retrying blindly could send twice:
   * reconcile first where the provider allows, otherwise park the email as `unknown`.
   */
  mayHaveSent?: boolean;
  cause?: unknown;
}

/** Longest `detail` kept: a provider's error message fits, a page of someone else's server does not. */
export const MAX_DETAIL_LENGTH = 500;

/** One line of printable text, at most MAX_DETAIL_LENGTH characters, for Email.detail. */
export function boundedDetail(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length <= MAX_DETAIL_LENGTH ? flat : `${flat.slice(0, MAX_DETAIL_LENGTH - 1)}…`;
}

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly kind: ProviderErrorKind;
  readonly reason: NotSentCode | null;
  readonly detail: string;
  readonly retryAfterMs?: number;
  readonly mayHaveSent: boolean;

  constructor(init: ProviderErrorInit) {
    super(`${init.kind}: ${init.detail}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.reason = init.reason === undefined ? defaultReason[init.kind] : init.reason;
    this.detail = boundedDetail(init.detail);
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    this.mayHaveSent = init.mayHaveSent ?? false;
  }
}

export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof ProviderError;
}

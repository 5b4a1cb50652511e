import type { NotSentCode } from '../../shared/schemas/not-sent-code';
import { BlockedHostError } from '../net/net-guard';
import { ProviderError, type ProviderErrorKind } from './provider';

export interface Verdict {
  kind: ProviderErrorKind;
  reason?: NotSentCode | null;
}

/**
 * Provider wording from seeds/004 (and the servers that produce it), most specific first.
 * Order matters: "5.7.8" is an auth failure before it is a 5.7 policy block, and
 * "Recipient address rejected: Access denied" names the recipient but is a block, not a bounce.
 */
const TEXT_RULES: ReadonlyArray<readonly [RegExp, Verdict]> = [
  [
    /no useable credentials|credentials are out of date|re-?authenticate|invalid_grant|\b5\.7\.8\b|authentication (?:failed|unsuccessful|credentials invalid)|username and password not accepted|invalid login/i,
    { kind: 'auth' },
  ],
  [/mail service not enabled|MailboxNotEnabledForRESTAPI/i, { kind: 'not_enabled' }],
  [
    /no valid "?to"? address|no valid email address|does not contain a valid address|is not a valid address|invalid to header/i,
    { kind: 'blocked', reason: 'email_missing_or_invalid' },
  ],
  [
    /spam|envelope blocked|access denied|\bblocked\b|blacklist|blocklist|\b5\.7\.\d{1,3}\b|\b5\.1\.[78]\b/i,
    { kind: 'blocked' },
  ],
  [
    /user unknown|unknown user|no such (?:user|mailbox|recipient)|no mailbox here|mailbox (?:unavailable|not found|does not exist)|address does not exist|\b5\.1\.(?:[0-6]|10)\b|\b5\.2\.1\b|\b5\.4\.4\b|invalid recipient|no mx\b|previously bounced|account that you tried to reach is (?:disabled|inactive)/i,
    { kind: 'bounce' },
  ],
  [
    /connection refused|ECONNREFUSED|ETIMEDOUT|ECONNRESET|EAI_AGAIN|timed out|try again later|temporar(?:y|ily)/i,
    { kind: 'transient' },
  ],
];

/** The verdict the provider's words alone support, or null when they name nothing we know. */
export function classifyText(text: string): Verdict | null {
  for (const [pattern, verdict] of TEXT_RULES) if (pattern.test(text)) return verdict;
  return null;
}

/** A definitive refusal built from a verdict: the provider answered, so nothing went out. */
export function fromVerdict(verdict: Verdict, detail: string): ProviderError {
  return new ProviderError({
    kind: verdict.kind,
    ...(verdict.reason === undefined ? {} : { reason: verdict.reason }),
    detail,
  });
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); past dates mean "now". */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

type Rec = Record<string, unknown>;

/**
 * What `detail` says when a response carries no error message in the provider's documented shape.
 * Never the body itself: a mailbox pointed at some other server would otherwise have that server's
 * answer (an internal page, cloud metadata) copied into the email for the rep to read.
 */
function statusOnly(res: { status: number }): string {
  return `HTTP ${res.status}`;
}

function asRecord(value: unknown): Rec {
  return typeof value === 'object' && value !== null ? (value as Rec) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Failures where the connection never carried a message, so a retry cannot duplicate it. */
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EDNS',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const EARLY_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);
const SMTP_NETWORK = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ETLS', 'EPROXY', 'EPROTOCOL']);

/**
 * net-guard refused the host (it is or resolves to an internal address): nothing left this machine,
 * and no retry can help until someone fixes the mailbox's settings, so the mailbox stops.
 */
function blockedHost(error: unknown): ProviderError | null {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = asRecord(e).cause, depth += 1) {
    if (e instanceof BlockedHostError)
      return new ProviderError({ kind: 'auth', detail: e.message, cause: e });
  }
  return null;
}

/**
 * nodemailer SMTP errors. An SMTP reply is definitive (the server said no, nothing was queued);
 * a dropped or timed-out socket without a reply may have happened after the final "." was
 * accepted, so it is transient with mayHaveSent unless it failed before the session began.
 */
export function mapSmtpError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const blocked = blockedHost(error);
  if (blocked) return blocked;
  const err = asRecord(error);
  const code = str(err.code);
  const originalCode = str(err.originalCode);
  const responseCode = typeof err.responseCode === 'number' ? err.responseCode : undefined;
  const response = str(err.response);
  const detail = response ?? str(err.message) ?? String(error);
  const command = str(err.command) ?? '';

  if (code === 'EAUTH' || code === 'ENOAUTH' || code === 'EOAUTH2' || command.startsWith('AUTH')) {
    return new ProviderError({ kind: 'auth', detail, cause: error });
  }
  // 530 "authentication required", 534/535 credentials refused: the mailbox settings are wrong.
  // A server that refuses STARTTLS while the mailbox requires TLS will refuse it every time.
  const tlsRefused = command === 'STARTTLS' && responseCode !== undefined && responseCode >= 500;
  if (responseCode === 530 || responseCode === 534 || responseCode === 535 || tlsRefused) {
    return new ProviderError({ kind: 'auth', detail, cause: error });
  }
  if (responseCode !== undefined && responseCode >= 400) {
    if (responseCode < 500) {
      return new ProviderError({ kind: 'transient', detail, cause: error });
    }
    const verdict = classifyText(detail);
    // A 5yz reply is permanent by RFC 5321 whatever its text says, so "try again" wording is ignored.
    if (verdict && verdict.kind !== 'transient') return fromVerdict(verdict, detail);
    return new ProviderError({ kind: 'unknown', detail, cause: error });
  }
  if (code === 'EENVELOPE' || code === 'EMAXRECIPIENTS') {
    return new ProviderError({ kind: 'blocked', reason: 'email_missing_or_invalid', detail, cause: error });
  }
  if (code === 'EABORT') {
    return new ProviderError({
      kind: 'transient',
      detail: `aborted: ${detail}`,
      mayHaveSent: true,
      cause: error,
    });
  }
  if ((code && SMTP_NETWORK.has(code)) || (originalCode && NEVER_CONNECTED.has(originalCode))) {
    const neverConnected =
      (originalCode !== undefined && NEVER_CONNECTED.has(originalCode)) ||
      code === 'EDNS' ||
      // TLS is settled before MAIL FROM, so a TLS failure never carried a message.
      code === 'ETLS' ||
      (typeof err.timeoutType === 'string' && EARLY_TIMEOUTS.has(err.timeoutType)) ||
      command === 'STARTTLS';
    return new ProviderError({ kind: 'transient', detail, mayHaveSent: !neverConnected, cause: error });
  }
  return new ProviderError({ kind: 'unknown', detail, cause: error });
}

/**
 * A fetch that threw: no HTTP response at all. Refused connections and DNS failures never sent
 * anything; a reset, timeout or abort after the request left may have been processed.
 */
export function mapFetchFailure(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const blocked = blockedHost(error);
  if (blocked) return blocked;
  const err = asRecord(error);
  const cause = asRecord(err.cause);
  const code = str(cause.code) ?? str(err.code);
  const name = error instanceof Error ? error.name : '';
  const detail = [str(err.message), str(cause.message)].filter(Boolean).join(': ') || String(error);
  if (name === 'AbortError' || name === 'TimeoutError') {
    return new ProviderError({
      kind: 'transient',
      detail: `${name}: ${detail}`,
      mayHaveSent: true,
      cause: error,
    });
  }
  return new ProviderError({
    kind: 'transient',
    detail: code ? `${code}: ${detail}` : detail,
    mayHaveSent: !(code && NEVER_CONNECTED.has(code)),
    cause: error,
  });
}

/** Anything thrown inside a provider that is not already classified: kept, never swallowed. */
export function toProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new ProviderError({ kind: 'unknown', detail, cause: error });
}

/** A provider's error result already classified; lets a pre-send step drop the send risk. */
export function withoutSendRisk(error: ProviderError): ProviderError {
  if (!error.mayHaveSent) return error;
  return new ProviderError({
    kind: error.kind,
    reason: error.reason,
    detail: error.detail,
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    mayHaveSent: false,
    cause: error.cause,
  });
}

/** An HTTP response that was not a success, with the body already read. */
export interface HttpFailure {
  status: number;
  headers: Headers;
  /** The JSON body, when it parsed. */
  body: unknown;
  text: string;
  nowMs: number;
}

function list(value: unknown): Rec[] {
  return Array.isArray(value) ? value.map(asRecord) : [];
}

function retryAfter(res: HttpFailure, message = ''): number | undefined {
  const header = parseRetryAfter(res.headers.get('retry-after'), res.nowMs);
  if (header !== undefined) return header;
  // SendGrid's X-RateLimit-Reset is the epoch second the window reopens.
  const reset = res.headers.get('x-ratelimit-reset');
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - res.nowMs);
  // Gmail puts the moment in the message: "User-rate limit exceeded.  Retry after 2024-05-01T12:00:30.000Z".
  const at = /retry after (\S+)/i.exec(message)?.[1];
  return at ? parseRetryAfter(at, res.nowMs) : undefined;
}

/** Status-independent fallbacks every HTTP mapper shares once its own codes are checked. */
function fallback(res: HttpFailure, detail: string, cause: unknown): ProviderError {
  if (res.status === 429)
    return new ProviderError({ kind: 'transient', detail, retryAfterMs: retryAfter(res, detail) });
  // 503 says the request was not handled; other 5xx may come from a gateway after the backend acted.
  if (res.status >= 500) {
    const wait = retryAfter(res, detail);
    return new ProviderError({
      kind: 'transient',
      detail,
      mayHaveSent: res.status !== 503,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    });
  }
  const verdict = classifyText(detail);
  if (verdict && verdict.kind !== 'transient') return fromVerdict(verdict, detail);
  return new ProviderError({ kind: 'unknown', detail, cause });
}

const GMAIL_RATE =
  /rateLimitExceeded|userRateLimitExceeded|dailyLimitExceeded|quotaExceeded|concurrentLimitExceeded/;

/** Gmail API: `{ error: { code, message, errors: [{ reason }], status } }`. */
export function mapGmailError(
  res: HttpFailure,
  context: { threadId?: string | undefined } = {},
): ProviderError {
  const error = asRecord(asRecord(res.body).error);
  const message = str(error.message) ?? statusOnly(res);
  const reasons = list(error.errors)
    .map((entry) => str(entry.reason))
    .filter((reason): reason is string => reason !== undefined);
  const detail = reasons[0] ? `${reasons[0]}: ${message}` : message;
  if (res.status === 401) return new ProviderError({ kind: 'auth', detail });
  if (res.status === 429 || reasons.some((reason) => GMAIL_RATE.test(reason))) {
    const wait = retryAfter(res, message);
    return new ProviderError({
      kind: 'transient',
      detail,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    });
  }
  if (reasons.includes('failedPrecondition') && /mail service not enabled/i.test(message)) {
    return new ProviderError({ kind: 'not_enabled', detail });
  }
  if (context.threadId && (res.status === 404 || (res.status === 400 && /thread/i.test(message)))) {
    return new ProviderError({ kind: 'missing_thread', detail });
  }
  // 403 without a rate reason: missing scope, delegation denied, domain policy: the grant is unusable.
  if (res.status === 403) return new ProviderError({ kind: 'auth', detail });
  return fallback(res, detail, res.body);
}

/** Microsoft Graph: `{ error: { code, message } }`. */
export function mapGraphError(
  res: HttpFailure,
  context: { replyTo?: string | undefined } = {},
): ProviderError {
  const error = asRecord(asRecord(res.body).error);
  const code = str(error.code) ?? '';
  const message = str(error.message) ?? statusOnly(res);
  const detail = code ? `${code}: ${message}` : message;
  if (res.status === 429 || /Throttl|TooManyRequests|ErrorExceededMessageLimit|ErrorServerBusy/i.test(code)) {
    const wait = retryAfter(res, message);
    return new ProviderError({
      kind: 'transient',
      detail,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    });
  }
  if (/MailboxNotEnabledForRESTAPI|MailboxNotSupportedForRESTAPI/i.test(code)) {
    return new ProviderError({ kind: 'not_enabled', detail });
  }
  if (
    res.status === 401 ||
    /InvalidAuthenticationToken|AccessDenied|Authorization_RequestDenied|ErrorSendAsDenied|ErrorMessageSubmissionBlocked|ErrorAccountDisabled/i.test(
      code,
    )
  ) {
    return new ProviderError({ kind: 'auth', detail });
  }
  if (context.replyTo && (res.status === 404 || code === 'ErrorItemNotFound')) {
    return new ProviderError({ kind: 'missing_thread', detail });
  }
  if (code === 'ErrorInvalidRecipients') return new ProviderError({ kind: 'bounce', detail });
  if (/ErrorQuotaExceeded|ErrorMessageSizeExceeded/i.test(code))
    return new ProviderError({ kind: 'blocked', detail });
  if (res.status === 403) return new ProviderError({ kind: 'auth', detail });
  return fallback(res, detail, res.body);
}

/** SendGrid v3: `{ errors: [{ message, field, help }] }`. */
export function mapSendGridError(res: HttpFailure): ProviderError {
  const errors = list(asRecord(res.body).errors);
  const parts = errors.map((entry) => {
    const message = str(entry.message) ?? '';
    const field = str(entry.field);
    return field ? `${message} (${field})` : message;
  });
  const detail = parts.filter(Boolean).join('; ') || statusOnly(res);
  // 403 is a sender identity or API key scope problem: no message from this mailbox can go out.
  if (res.status === 401 || res.status === 403) return new ProviderError({ kind: 'auth', detail });
  if (res.status === 413) return new ProviderError({ kind: 'blocked', detail });
  const badRecipient = errors.some((entry) => {
    const field = str(entry.field) ?? '';
    return field.startsWith('personalizations') && /\.(?:to|email)\b/.test(field);
  });
  if (res.status === 400 && badRecipient) {
    return new ProviderError({ kind: 'blocked', reason: 'email_missing_or_invalid', detail });
  }
  return fallback(res, detail, res.body);
}

/** Mailgun: `{ message }`, except 401, which is the plain text "Forbidden". */
export function mapMailgunError(res: HttpFailure): ProviderError {
  const detail = str(asRecord(res.body).message) ?? statusOnly(res);
  // 404 is "Domain not found": the mailbox's sending domain is wrong, so nothing from it can go out.
  if (res.status === 401 || res.status === 403 || res.status === 404)
    return new ProviderError({ kind: 'auth', detail });
  if (res.status === 402) return new ProviderError({ kind: 'blocked', detail });
  return fallback(res, detail, res.body);
}

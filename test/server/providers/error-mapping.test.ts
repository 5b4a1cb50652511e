import { describe, expect, it } from 'vitest';
import {
  classifyText,
  fromVerdict,
  type HttpFailure,
  mapFetchFailure,
  mapGmailError,
  mapGraphError,
  mapMailgunError,
  mapSendGridError,
  mapSmtpError,
  parseRetryAfter,
  toProviderError,
} from '../../../server/providers/error-mapping';
import { ProviderError } from '../../../server/providers/provider';
import {
  gmailErrors,
  graphErrors,
  mailgunErrors,
  sendgridErrors,
} from '../../fixtures/providers/error-bodies';
import { failureReasons, unclassifiedReasons } from '../../fixtures/providers/failure-reasons';

const NOW = Date.parse('2024-05-01T12:00:00Z');

function failure(status: number, body: unknown, headers: Record<string, string> = {}): HttpFailure {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    status,
    headers: new Headers(headers),
    body: typeof body === 'string' ? undefined : body,
    text,
    nowMs: NOW,
  };
}

describe('seeds/004 failure reasons, case by case', () => {
  it.each(failureReasons)('"$text" → $kind / $reason', ({ text, kind, reason }) => {
    const verdict = classifyText(text);
    expect(verdict?.kind).toBe(kind);
    const error = fromVerdict(verdict!, text);
    expect(error.reason).toBe(reason);
    expect(error.detail).toBe(text);
  });

  it.each(unclassifiedReasons)('"%s" stays other with the words kept', (text) => {
    expect(classifyText(text)).toBeNull();
    const error = toProviderError(new Error(text));
    expect(error).toMatchObject({ kind: 'unknown', reason: 'other' });
    expect(error.detail).toContain(text);
  });

  it('reads 5.7.x and 5.1.8 as policy or auth, never as a bounce', () => {
    expect(classifyText('550 5.7.1 Message rejected per policy')?.kind).toBe('blocked');
    expect(classifyText('535 5.7.8 Authentication credentials invalid')?.kind).toBe('auth');
    expect(classifyText('550 5.1.8 Bad sender address domain')?.kind).toBe('blocked');
  });
});

describe('SMTP errors (nodemailer shape)', () => {
  const smtp = (responseCode: number, response: string, command: string, code = 'EENVELOPE') =>
    mapSmtpError(Object.assign(new Error(response), { code, responseCode, response, command }));

  it('550 5.1.1 at RCPT is a bounce with the server words', () => {
    const error = smtp(550, '550 5.1.1 User Unknown', 'RCPT TO');
    expect(error).toMatchObject({
      kind: 'bounce',
      reason: null,
      detail: '550 5.1.1 User Unknown',
      mayHaveSent: false,
    });
  });

  it('554 spam at DATA is a provider error, not a bounce', () => {
    const error = smtp(554, '554 Sorry, message looks like SPAM to me', 'DATA', 'EMESSAGE');
    expect(error).toMatchObject({ kind: 'blocked', reason: 'email_service_provider_error' });
    expect(error.detail).toBe('554 Sorry, message looks like SPAM to me');
  });

  it.each([421, 450, 451, 452])('%i is transient and certainly not sent', (code) => {
    expect(smtp(code, `${code} 4.3.0 try again`, 'MAIL FROM')).toMatchObject({
      kind: 'transient',
      mayHaveSent: false,
    });
  });

  it('a 5xx with "try again" wording is still permanent', () => {
    expect(smtp(554, '554 Transaction failed, try again later', 'DATA')).toMatchObject({
      kind: 'unknown',
      reason: 'other',
    });
  });

  it('unrecognised 5xx keeps the words as other', () => {
    expect(smtp(550, '550 Administrative prohibition', 'RCPT TO')).toMatchObject({
      kind: 'unknown',
      reason: 'other',
      detail: '550 Administrative prohibition',
    });
  });

  it.each([
    [535, '535 5.7.8 Authentication credentials invalid', 'AUTH PLAIN', 'EAUTH'],
    [530, '530 5.7.0 Authentication required', 'MAIL FROM', 'EENVELOPE'],
  ])('%i is auth / mailbox_inactive', (code, response, command, errCode) => {
    expect(smtp(code, response, command, errCode)).toMatchObject({
      kind: 'auth',
      reason: 'mailbox_inactive',
    });
  });

  it('a refused connection is transient and never sent; a dropped socket may have sent', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ESOCKET',
      originalCode: 'ECONNREFUSED',
      command: 'CONN',
    });
    expect(mapSmtpError(refused)).toMatchObject({ kind: 'transient', mayHaveSent: false });
    const dropped = Object.assign(new Error('Connection closed unexpectedly'), {
      code: 'ECONNECTION',
      command: 'CONN',
    });
    expect(mapSmtpError(dropped)).toMatchObject({ kind: 'transient', mayHaveSent: true });
    const greeting = Object.assign(new Error('Greeting never received'), {
      code: 'ETIMEDOUT',
      timeoutType: 'GREETING_TIMEOUT',
    });
    expect(mapSmtpError(greeting)).toMatchObject({ kind: 'transient', mayHaveSent: false });
    const idle = Object.assign(new Error('Timeout'), { code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT' });
    expect(mapSmtpError(idle)).toMatchObject({ kind: 'transient', mayHaveSent: true });
    // nodemailer: aborting does not prove the server had not already accepted the message.
    const aborted = Object.assign(new Error('Message sending aborted'), { code: 'EABORT' });
    expect(mapSmtpError(aborted)).toMatchObject({ kind: 'transient', mayHaveSent: true });
  });
});

describe('Retry-After and network failures', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(parseRetryAfter(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });

  it('tells a refused connection from a reset one', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    expect(mapFetchFailure(refused)).toMatchObject({ kind: 'transient', mayHaveSent: false });
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    });
    expect(mapFetchFailure(reset)).toMatchObject({ kind: 'transient', mayHaveSent: true });
    const aborted = new DOMException('This operation was aborted', 'AbortError');
    expect(mapFetchFailure(aborted)).toMatchObject({ kind: 'transient', mayHaveSent: true });
  });

  it('passes ProviderErrors through and wraps anything else as other', () => {
    const original = new ProviderError({ kind: 'bounce', detail: 'x' });
    expect(toProviderError(original)).toBe(original);
    expect(toProviderError('boom')).toMatchObject({ kind: 'unknown', reason: 'other', detail: 'boom' });
  });
});

describe('HTTP provider bodies', () => {
  it('Gmail', () => {
    expect(mapGmailError(failure(401, gmailErrors.unauthenticated))).toMatchObject({
      kind: 'auth',
      reason: 'mailbox_inactive',
    });
    expect(mapGmailError(failure(400, gmailErrors.mailServiceNotEnabled))).toMatchObject({
      kind: 'not_enabled',
      reason: 'email_service_provider_error',
      detail: 'failedPrecondition: Mail service not enabled',
    });
    expect(mapGmailError(failure(404, gmailErrors.threadNotFound), { threadId: 't1' })).toMatchObject({
      kind: 'missing_thread',
      reason: 'missing_thread_info',
    });
    expect(mapGmailError(failure(404, gmailErrors.threadNotFound))).toMatchObject({
      kind: 'unknown',
      reason: 'other',
    });
    expect(mapGmailError(failure(400, gmailErrors.invalidTo))).toMatchObject({
      reason: 'email_missing_or_invalid',
    });
    expect(mapGmailError(failure(403, gmailErrors.insufficientScopes))).toMatchObject({ kind: 'auth' });
    const limited = mapGmailError(
      failure(429, gmailErrors.userRateLimit(new Date(NOW + 30_000).toISOString())),
    );
    expect(limited).toMatchObject({ kind: 'transient', retryAfterMs: 30_000, mayHaveSent: false });
    expect(mapGmailError(failure(500, gmailErrors.backendError))).toMatchObject({
      kind: 'transient',
      mayHaveSent: true,
    });
    expect(mapGmailError(failure(503, gmailErrors.backendError))).toMatchObject({
      kind: 'transient',
      mayHaveSent: false,
    });
  });

  it('Graph', () => {
    expect(mapGraphError(failure(400, graphErrors.invalidRecipients))).toMatchObject({ kind: 'bounce' });
    // MailboxNotEnabledForRESTAPI arrives as a 404: it must not be read as a missing thread.
    expect(mapGraphError(failure(404, graphErrors.mailboxNotEnabled), { replyTo: 'm1' })).toMatchObject({
      kind: 'not_enabled',
    });
    expect(mapGraphError(failure(404, graphErrors.itemNotFound), { replyTo: 'm1' })).toMatchObject({
      kind: 'missing_thread',
    });
    expect(mapGraphError(failure(401, graphErrors.invalidAuthenticationToken))).toMatchObject({
      kind: 'auth',
    });
    expect(mapGraphError(failure(403, graphErrors.sendAsDenied))).toMatchObject({ kind: 'auth' });
    expect(mapGraphError(failure(413, graphErrors.messageSizeExceeded))).toMatchObject({ kind: 'blocked' });
    expect(mapGraphError(failure(429, graphErrors.throttled, { 'Retry-After': '12' }))).toMatchObject({
      kind: 'transient',
      retryAfterMs: 12_000,
      detail: 'ApplicationThrottled: Application is over its MailboxConcurrency limit.',
    });
  });

  it('SendGrid', () => {
    expect(mapSendGridError(failure(400, sendgridErrors.invalidTo))).toMatchObject({
      kind: 'blocked',
      reason: 'email_missing_or_invalid',
      detail: 'Does not contain a valid address. (personalizations.0.to.0.email)',
    });
    expect(mapSendGridError(failure(401, sendgridErrors.unauthorized))).toMatchObject({ kind: 'auth' });
    expect(mapSendGridError(failure(403, sendgridErrors.senderIdentity))).toMatchObject({ kind: 'auth' });
    expect(mapSendGridError(failure(413, sendgridErrors.payloadTooLarge))).toMatchObject({ kind: 'blocked' });
    const reset = String(Math.floor(NOW / 1000) + 7);
    expect(
      mapSendGridError(failure(429, sendgridErrors.tooManyRequests, { 'X-RateLimit-Reset': reset })),
    ).toMatchObject({
      kind: 'transient',
      retryAfterMs: 7_000,
    });
    expect(mapSendGridError(failure(500, sendgridErrors.internal))).toMatchObject({
      kind: 'transient',
      mayHaveSent: true,
    });
  });

  it('Mailgun', () => {
    expect(mapMailgunError(failure(401, mailgunErrors.forbiddenText))).toMatchObject({
      kind: 'auth',
      detail: 'HTTP 401', // the plain-text body is not copied: detail never carries a raw body
    });
    expect(mapMailgunError(failure(400, mailgunErrors.invalidTo))).toMatchObject({
      reason: 'email_missing_or_invalid',
    });
    expect(mapMailgunError(failure(402, mailgunErrors.requestFailed))).toMatchObject({ kind: 'blocked' });
    expect(mapMailgunError(failure(404, mailgunErrors.domainNotFound))).toMatchObject({ kind: 'auth' });
    expect(
      mapMailgunError(failure(429, mailgunErrors.tooManyRequests, { 'Retry-After': '3' })),
    ).toMatchObject({
      kind: 'transient',
      retryAfterMs: 3_000,
    });
    expect(mapMailgunError(failure(502, mailgunErrors.internal))).toMatchObject({
      kind: 'transient',
      mayHaveSent: true,
    });
  });
});

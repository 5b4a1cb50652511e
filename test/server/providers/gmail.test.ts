import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGmailProvider, type GmailSettings } from '../../../server/providers/gmail';
import type { OAuthTokens } from '../../../server/providers/oauth';
import { gmailErrors } from '../../fixtures/providers/error-bodies';
import { FIXED_NOW, sampleEmail } from './helpers/emails';
import { failure } from './helpers/failure';
import { findPart } from './helpers/parse-mime';
import { createGmailStandIn, GOOGLE_CLIENT } from './stand-ins/gmail';
import { closedPort, type RunningStandIn, serveStandIn } from './stand-ins/serve';

let standIn: ReturnType<typeof createGmailStandIn>;
let running: RunningStandIn;
let tokens: OAuthTokens[];

beforeAll(async () => {
  standIn = createGmailStandIn({ accessToken: 'ya29.initial', refreshToken: '1//refresh' });
  running = await serveStandIn(standIn.app);
});
afterAll(() => running.close());
beforeEach(() => {
  tokens = [];
  standIn.state.accessTokens = new Set(['ya29.initial']);
  standIn.state.refreshToken = '1//refresh';
  standIn.state.sendScript = [];
  standIn.state.listScript = [];
  standIn.state.tokenRequests = [];
  standIn.state.sendAttempts = 0;
  standIn.state.sendDelayMs = 0;
});
afterEach(() => {
  expect(standIn.state.problems).toEqual([]);
});

function gmail(overrides: Partial<GmailSettings> = {}) {
  return createGmailProvider(
    {
      accessToken: 'ya29.initial',
      refreshToken: '1//refresh',
      clientId: GOOGLE_CLIENT.id,
      clientSecret: GOOGLE_CLIENT.secret,
      apiBaseUrl: running.url,
      tokenUrl: `${running.url}/token`,
      ...overrides,
    },
    { fetch, now: () => FIXED_NOW, onTokens: (t) => void tokens.push(t) },
  );
}

describe('Gmail provider against the stand-in', () => {
  it('sends our MIME as base64url raw and returns Gmail ids', async () => {
    const email = sampleEmail();
    const result = await gmail().send(email);
    const sent = standIn.state.sent.at(-1)!;
    expect(result).toEqual({
      messageId: email.messageId,
      providerMessageId: sent.id,
      threadId: sent.threadId,
    });
    expect(sent.token).toBe('ya29.initial');
    expect(sent.mime.header('message-id')).toBe(email.messageId);
    expect(sent.mime.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(findPart(sent.mime, 'text/html')?.body).toContain('stride-signature');
  });

  it('threads a follow-up with threadId, In-Reply-To and the same subject', async () => {
    const provider = gmail();
    const first = sampleEmail();
    const firstResult = await provider.send(first);
    const follow = sampleEmail({
      subject: 'Re: Quick question',
      threadId: firstResult.threadId!,
      inReplyTo: first.messageId,
      references: [first.messageId],
    });
    const result = await provider.send(follow);
    expect(result.threadId).toBe(firstResult.threadId);
    const sent = standIn.state.sent.at(-1)!;
    expect(sent.threadId).toBe(firstResult.threadId);
    expect(sent.mime.header('in-reply-to')).toBe(first.messageId);
  });

  it('a thread Gmail no longer has is missing_thread_info', async () => {
    const error = await failure(gmail().send(sampleEmail({ threadId: '18fdeadbeef' })));
    expect(error).toMatchObject({
      kind: 'missing_thread',
      reason: 'missing_thread_info',
      detail: 'notFound: Requested entity was not found.',
    });
  });

  it('on 401 refreshes once, retries, reports the new tokens and keeps using them', async () => {
    standIn.state.accessTokens = new Set();
    const provider = gmail();
    await provider.send(sampleEmail());
    expect(standIn.state.tokenRequests).toHaveLength(1);
    const form = standIn.state.tokenRequests[0]!;
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: '1//refresh',
      client_id: GOOGLE_CLIENT.id,
      client_secret: GOOGLE_CLIENT.secret,
    });
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({
      refreshToken: '1//refresh',
      expiresAt: new Date(FIXED_NOW.getTime() + 3_599_000),
    });
    expect(standIn.state.sent.at(-1)!.token).toBe(tokens[0]!.accessToken);

    await provider.send(sampleEmail());
    expect(standIn.state.tokenRequests).toHaveLength(1);
    expect(standIn.state.sendAttempts).toBe(3);
  });

  it('invalid_grant on refresh is auth / mailbox_inactive and does not retry the send', async () => {
    standIn.state.accessTokens = new Set();
    standIn.state.refreshToken = 'a-different-one';
    const error = await failure(gmail().send(sampleEmail()));
    expect(error).toMatchObject({ kind: 'auth', reason: 'mailbox_inactive', mayHaveSent: false });
    expect(error.detail).toBe('token refresh failed: invalid_grant: Token has been expired or revoked.');
    expect(standIn.state.sendAttempts).toBe(1);
    expect(tokens).toEqual([]);
  });

  it('401 without a refresh token is auth', async () => {
    standIn.state.accessTokens = new Set();
    const error = await failure(gmail({ refreshToken: undefined }).send(sampleEmail()));
    expect(error).toMatchObject({ kind: 'auth', reason: 'mailbox_inactive' });
    expect(standIn.state.tokenRequests).toHaveLength(0);
  });

  it('"Mail service not enabled" is not_enabled with the detail kept', async () => {
    standIn.state.sendScript.push({ status: 400, body: gmailErrors.mailServiceNotEnabled });
    const error = await failure(gmail().send(sampleEmail()));
    expect(error).toMatchObject({
      kind: 'not_enabled',
      reason: 'email_service_provider_error',
      detail: 'failedPrecondition: Mail service not enabled',
    });
  });

  it('an invalid To header is email_missing_or_invalid', async () => {
    standIn.state.sendScript.push({ status: 400, body: gmailErrors.invalidTo });
    expect(await failure(gmail().send(sampleEmail()))).toMatchObject({
      kind: 'blocked',
      reason: 'email_missing_or_invalid',
    });
  });

  it('429 with Retry-After is transient with the wait', async () => {
    standIn.state.sendScript.push({
      status: 429,
      body: gmailErrors.userRateLimit('2024-05-01T12:05:00.000Z'),
      headers: { 'Retry-After': '45' },
    });
    expect(await failure(gmail().send(sampleEmail()))).toMatchObject({
      kind: 'transient',
      reason: null,
      retryAfterMs: 45_000,
      mayHaveSent: false,
    });
  });

  it('a 500 is transient but may have sent', async () => {
    standIn.state.sendScript.push({ status: 500, body: gmailErrors.backendError });
    expect(await failure(gmail().send(sampleEmail()))).toMatchObject({
      kind: 'transient',
      mayHaveSent: true,
    });
  });

  it('an abort after the request left may have sent, and Gmail did take it', async () => {
    standIn.state.sendDelayMs = 500;
    const email = sampleEmail();
    const error = await failure(gmail().send(email, AbortSignal.timeout(100)));
    expect(error).toMatchObject({ kind: 'transient', mayHaveSent: true });
    expect(standIn.state.sent.at(-1)?.mime.header('message-id')).toBe(email.messageId);
    expect(await gmail().reconcile!(email.messageId)).toBe('sent');
  });

  it('an already aborted signal sends nothing and is certainly not sent', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(gmail().send(sampleEmail(), controller.signal));
    expect(error).toMatchObject({ kind: 'transient', mayHaveSent: false });
    expect(standIn.state.sendAttempts).toBe(0);
  });

  it('reconciles by rfc822msgid', async () => {
    const provider = gmail();
    const email = sampleEmail();
    expect(await provider.reconcile!(email.messageId)).toBe('not_found');
    await provider.send(email);
    expect(await provider.reconcile!(email.messageId)).toBe('sent');
    standIn.state.listScript.push({ status: 500, body: gmailErrors.backendError });
    expect(await provider.reconcile!(email.messageId)).toBe('unknown');
  });
});

describe('Gmail provider without a server', () => {
  it('connection refused is transient and never sent', async () => {
    const port = await closedPort();
    const provider = createGmailProvider(
      { accessToken: 'x', apiBaseUrl: `http://127.0.0.1:${port}` },
      { fetch, now: () => FIXED_NOW },
    );
    const error = await failure(provider.send(sampleEmail()));
    expect(error).toMatchObject({ kind: 'transient', mayHaveSent: false });
    expect(error.detail).toMatch(/ECONNREFUSED/);
    expect(await provider.reconcile!('<a@b.test>')).toBe('unknown');
  });
});

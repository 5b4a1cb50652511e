import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGraphProvider } from '../../../server/providers/graph';
import type { OAuthTokens } from '../../../server/providers/oauth';
import { graphErrors } from '../../fixtures/providers/error-bodies';
import { FIXED_NOW, sampleEmail } from './helpers/emails';
import { failure } from './helpers/failure';
import { createGraphStandIn } from './stand-ins/graph';
import { type RunningStandIn, serveStandIn } from './stand-ins/serve';

let standIn: ReturnType<typeof createGraphStandIn>;
let running: RunningStandIn;
let tokens: OAuthTokens[];

beforeAll(async () => {
  standIn = createGraphStandIn({ accessToken: 'EwB-initial', refreshToken: 'M.R3-initial' });
  running = await serveStandIn(standIn.app);
});
afterAll(() => running.close());
beforeEach(() => {
  tokens = [];
  standIn.state.calls = [];
  standIn.state.createScript = [];
  standIn.state.sendScript = [];
  standIn.state.tokenRequests = [];
  standIn.state.accessTokens = new Set(['EwB-initial']);
  standIn.state.refreshToken = 'M.R3-initial';
});
afterEach(() => {
  expect(standIn.state.problems).toEqual([]);
});

function outlook() {
  return createGraphProvider(
    {
      accessToken: 'EwB-initial',
      refreshToken: 'M.R3-initial',
      clientId: 'client',
      apiBaseUrl: running.url,
      tokenUrl: `${running.url}/token`,
    },
    { fetch, now: () => FIXED_NOW, onTokens: (t) => void tokens.push(t) },
  );
}

describe('Graph provider against the stand-in', () => {
  it('creates a draft from our MIME, then sends it, and reconciles by internetMessageId', async () => {
    const provider = outlook();
    const email = sampleEmail();
    expect(await provider.reconcile!(email.messageId)).toBe('not_found');
    const result = await provider.send(email);

    const created = standIn.state.calls.filter((call) => call.startsWith('POST'));
    expect(created).toEqual([
      'POST /v1.0/me/messages',
      `POST /v1.0/me/messages/${result.providerMessageId}/send`,
    ]);
    const message = standIn.state.messages.get(result.providerMessageId!)!;
    expect(message.sent).toBe(true);
    expect(result).toEqual({
      messageId: email.messageId,
      providerMessageId: message.id,
      threadId: message.id,
    });
    // What JSON drafts could not carry travels in the MIME.
    expect(message.mime.header('list-unsubscribe')).toBe(
      '<https://stride.test/u/abc.def>, <mailto:unsubscribe+abc@stride.test>',
    );
    expect(message.mime.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(await provider.reconcile!(email.messageId)).toBe('sent');
  });

  it('answers in the thread with createReply on the first message', async () => {
    const provider = outlook();
    const first = sampleEmail();
    const firstResult = await provider.send(first);
    const follow = sampleEmail({
      subject: 'Re: Quick question',
      threadId: firstResult.threadId!,
      inReplyTo: first.messageId,
      references: [first.messageId],
    });
    const result = await provider.send(follow);
    expect(standIn.state.calls).toContain(`POST /v1.0/me/messages/${firstResult.threadId}/createReply`);
    expect(result.threadId).toBe(firstResult.threadId);
    const reply = standIn.state.messages.get(result.providerMessageId!)!;
    expect(reply).toMatchObject({ replyTo: firstResult.providerMessageId, sent: true });
    expect(reply.conversationId).toBe(
      standIn.state.messages.get(firstResult.providerMessageId!)!.conversationId,
    );
    expect(reply.mime.header('in-reply-to')).toBe(first.messageId);
  });

  it('a reply to a message Outlook no longer has is missing_thread_info, before any send', async () => {
    const error = await failure(outlook().send(sampleEmail({ threadId: 'AAkALgAAgone' })));
    expect(error).toMatchObject({
      kind: 'missing_thread',
      reason: 'missing_thread_info',
      mayHaveSent: false,
    });
    expect(error.detail).toBe('ErrorItemNotFound: The specified object was not found in the store.');
  });

  it('ErrorInvalidRecipients on create is a bounce, and nothing was sent', async () => {
    standIn.state.createScript.push({ status: 400, body: graphErrors.invalidRecipients });
    const error = await failure(outlook().send(sampleEmail()));
    expect(error).toMatchObject({ kind: 'bounce', reason: null, mayHaveSent: false });
    expect(standIn.state.calls.some((call) => call.endsWith('/send'))).toBe(false);
  });

  it('MailboxNotEnabledForRESTAPI is not_enabled', async () => {
    standIn.state.createScript.push({ status: 404, body: graphErrors.mailboxNotEnabled });
    expect(await failure(outlook().send(sampleEmail()))).toMatchObject({
      kind: 'not_enabled',
      reason: 'email_service_provider_error',
    });
  });

  it('429 with Retry-After while creating is transient and certainly not sent', async () => {
    standIn.state.createScript.push({
      status: 429,
      body: graphErrors.throttled,
      headers: { 'Retry-After': '17' },
    });
    expect(await failure(outlook().send(sampleEmail()))).toMatchObject({
      kind: 'transient',
      retryAfterMs: 17_000,
      mayHaveSent: false,
    });
  });

  it('a 500 from /send may have sent; the draft left behind does not count as sent', async () => {
    const provider = outlook();
    const email = sampleEmail();
    standIn.state.sendScript.push({ status: 500, body: graphErrors.internal });
    expect(await failure(provider.send(email))).toMatchObject({ kind: 'transient', mayHaveSent: true });
    expect(await provider.reconcile!(email.messageId)).toBe('not_found');
  });

  it('ErrorSendAsDenied is auth / mailbox_inactive', async () => {
    standIn.state.sendScript.push({ status: 403, body: graphErrors.sendAsDenied });
    expect(await failure(outlook().send(sampleEmail()))).toMatchObject({
      kind: 'auth',
      reason: 'mailbox_inactive',
    });
  });

  it('InvalidAuthenticationToken refreshes, stores the rotated refresh token and sends', async () => {
    standIn.state.accessTokens = new Set();
    const result = await outlook().send(sampleEmail());
    expect(standIn.state.messages.get(result.providerMessageId!)?.sent).toBe(true);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.refreshToken).toBe(standIn.state.refreshToken);
    expect(tokens[0]?.refreshToken).not.toBe('M.R3-initial');
  });

  it('invalid_grant from Microsoft identity is auth', async () => {
    standIn.state.accessTokens = new Set();
    standIn.state.refreshToken = 'revoked';
    const error = await failure(outlook().send(sampleEmail()));
    expect(error).toMatchObject({ kind: 'auth', reason: 'mailbox_inactive' });
    expect(error.detail).toMatch(/^token refresh failed: invalid_grant: AADSTS700082/);
  });
});

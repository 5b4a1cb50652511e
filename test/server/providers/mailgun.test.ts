import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMailgunProvider } from '../../../server/providers/mailgun';
import { mailgunErrors } from '../../fixtures/providers/error-bodies';
import { FIXED_NOW, sampleEmail } from './helpers/emails';
import { failure } from './helpers/failure';
import { createMailgunStandIn } from './stand-ins/mailgun';
import { type RunningStandIn, serveStandIn } from './stand-ins/serve';

const API_KEY = 'key-stand-in';
let standIn: ReturnType<typeof createMailgunStandIn>;
let running: RunningStandIn;

beforeAll(async () => {
  standIn = createMailgunStandIn(API_KEY, ['mg.sender.test']);
  running = await serveStandIn(standIn.app);
});
afterAll(() => running.close());
beforeEach(() => {
  standIn.state.script = [];
});
afterEach(() => {
  expect(standIn.state.problems).toEqual([]);
});

const mailgun = (overrides: { apiKey?: string; domain?: string } = {}) =>
  createMailgunProvider(
    {
      apiKey: overrides.apiKey ?? API_KEY,
      domain: overrides.domain ?? 'mg.sender.test',
      apiBaseUrl: running.url,
    },
    { fetch, now: () => FIXED_NOW },
  );

describe('Mailgun provider against the stand-in', () => {
  it('posts our MIME as a file with the recipient and the correlation variable', async () => {
    const email = sampleEmail();
    const result = await mailgun().send(email);
    const sent = standIn.state.sent.at(-1)!;
    expect(result).toEqual({ messageId: email.messageId, providerMessageId: sent.id });
    expect(sent).toMatchObject({
      domain: 'mg.sender.test',
      to: 'bob@recipient.test',
      variables: { 'stride-email-id': email.correlationId },
    });
    expect(sent.mime.header('message-id')).toBe(email.messageId);
    expect(sent.mime.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mailgun().reconcile).toBeUndefined();
  });

  it('a wrong key gets Mailgun plain "Forbidden": auth, with the status only (never a raw body)', async () => {
    expect(await failure(mailgun({ apiKey: 'key-wrong' }).send(sampleEmail()))).toMatchObject({
      kind: 'auth',
      reason: 'mailbox_inactive',
      detail: 'HTTP 401',
    });
  });

  it('an unknown sending domain (404) is auth with the detail kept', async () => {
    expect(await failure(mailgun({ domain: 'mg.elsewhere.test' }).send(sampleEmail()))).toMatchObject({
      kind: 'auth',
      detail: 'Domain not found: mg.elsewhere.test',
    });
  });

  it('an invalid to parameter is email_missing_or_invalid', async () => {
    standIn.state.script.push({ status: 400, body: mailgunErrors.invalidTo });
    expect(await failure(mailgun().send(sampleEmail()))).toMatchObject({
      kind: 'blocked',
      reason: 'email_missing_or_invalid',
      detail: "'to' parameter is not a valid address. please check documentation",
    });
  });

  it('402 is email_service_provider_error', async () => {
    standIn.state.script.push({ status: 402, body: mailgunErrors.requestFailed });
    expect(await failure(mailgun().send(sampleEmail()))).toMatchObject({
      kind: 'blocked',
      reason: 'email_service_provider_error',
      detail: 'Request failed',
    });
  });

  it('429 with Retry-After is transient with the wait', async () => {
    standIn.state.script.push({
      status: 429,
      body: mailgunErrors.tooManyRequests,
      headers: { 'Retry-After': '2' },
    });
    expect(await failure(mailgun().send(sampleEmail()))).toMatchObject({
      kind: 'transient',
      retryAfterMs: 2_000,
    });
  });

  it('503 is transient and certainly not sent', async () => {
    standIn.state.script.push({ status: 503, body: mailgunErrors.internal });
    expect(await failure(mailgun().send(sampleEmail()))).toMatchObject({
      kind: 'transient',
      mayHaveSent: false,
    });
  });
});

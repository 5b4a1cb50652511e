import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSendGridProvider } from '../../../server/providers/sendgrid';
import { sendgridErrors } from '../../fixtures/providers/error-bodies';
import { FIXED_NOW, sampleEmail } from './helpers/emails';
import { failure } from './helpers/failure';
import { createSendGridStandIn } from './stand-ins/sendgrid';
import { type RunningStandIn, serveStandIn } from './stand-ins/serve';

const API_KEY = 'SG.stand-in.key';
let standIn: ReturnType<typeof createSendGridStandIn>;
let running: RunningStandIn;

beforeAll(async () => {
  standIn = createSendGridStandIn(API_KEY);
  running = await serveStandIn(standIn.app);
});
afterAll(() => running.close());
beforeEach(() => {
  standIn.state.script = [];
});
afterEach(() => {
  expect(standIn.state.problems).toEqual([]);
});

const sendgrid = (apiKey = API_KEY) =>
  createSendGridProvider({ apiKey, apiBaseUrl: running.url }, { fetch, now: () => FIXED_NOW });

describe('SendGrid provider against the stand-in', () => {
  it('sends the v3 body with our headers and custom_args, and returns X-Message-Id', async () => {
    const email = sampleEmail({ inReplyTo: '<first@stride.test>', references: ['<first@stride.test>'] });
    const result = await sendgrid().send(email);
    const sent = standIn.state.sent.at(-1)!;
    expect(result).toEqual({ messageId: email.messageId, providerMessageId: sent.id });
    expect(sent.body).toMatchObject({
      personalizations: [{ to: [{ email: 'bob@recipient.test', name: 'Bob Prospect' }] }],
      from: { email: 'ann@sender.test', name: 'Ann Rep' },
      subject: 'Quick question',
      custom_args: { stride_email_id: email.correlationId },
      headers: {
        'Message-ID': email.messageId,
        'In-Reply-To': '<first@stride.test>',
        References: '<first@stride.test>',
        'List-Unsubscribe': '<https://stride.test/u/abc.def>, <mailto:unsubscribe+abc@stride.test>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'X-Stride-Email-Id': email.correlationId,
      },
    });
    const content = sent.body.content as Array<{ type: string; value: string }>;
    expect(content.map((part) => part.type)).toEqual(['text/plain', 'text/html']);
    expect(content[0]?.value).toMatch(/\n-- \nAnn Rep\nAccount Executive$/);
    expect(content[1]?.value).toContain('<div class="stride-signature">');
    expect(sendgrid().reconcile).toBeUndefined();
  });

  it('an invalid recipient is email_missing_or_invalid with SendGrid words and field', async () => {
    standIn.state.script.push({ status: 400, body: sendgridErrors.invalidTo });
    expect(await failure(sendgrid().send(sampleEmail()))).toMatchObject({
      kind: 'blocked',
      reason: 'email_missing_or_invalid',
      detail: 'Does not contain a valid address. (personalizations.0.to.0.email)',
    });
  });

  it('a bad API key is auth', async () => {
    const error = await failure(sendgrid('SG.wrong').send(sampleEmail()));
    expect(error).toMatchObject({ kind: 'auth', reason: 'mailbox_inactive' });
    expect(error.detail).toBe('The provided authorization grant is invalid, expired, or revoked');
  });

  it('an unverified sender identity (403) is auth with the detail kept', async () => {
    standIn.state.script.push({ status: 403, body: sendgridErrors.senderIdentity });
    const error = await failure(sendgrid().send(sampleEmail()));
    expect(error).toMatchObject({ kind: 'auth', reason: 'mailbox_inactive' });
    expect(error.detail).toMatch(/^The from address does not match a verified Sender Identity/);
  });

  it('413 is email_service_provider_error', async () => {
    standIn.state.script.push({ status: 413, body: sendgridErrors.payloadTooLarge });
    expect(await failure(sendgrid().send(sampleEmail()))).toMatchObject({
      kind: 'blocked',
      reason: 'email_service_provider_error',
    });
  });

  it('429 with Retry-After is transient with the wait', async () => {
    standIn.state.script.push({
      status: 429,
      body: sendgridErrors.tooManyRequests,
      headers: { 'Retry-After': '9' },
    });
    expect(await failure(sendgrid().send(sampleEmail()))).toMatchObject({
      kind: 'transient',
      retryAfterMs: 9_000,
    });
  });

  it('5xx is transient and may have sent', async () => {
    standIn.state.script.push({ status: 500, body: sendgridErrors.internal });
    expect(await failure(sendgrid().send(sampleEmail()))).toMatchObject({
      kind: 'transient',
      mayHaveSent: true,
    });
  });
});

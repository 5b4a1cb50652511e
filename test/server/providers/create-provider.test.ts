import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProvider, type MailboxForProvider } from '../../../server/providers/create-provider';
import { ProviderError } from '../../../server/providers/provider';
import { mailboxSettingsSchemas } from '../../../shared/schemas/mailbox-settings';
import { zeroLatencyProvider } from '../../support/zero-latency-provider';
import { FIXED_NOW, sampleEmail } from './helpers/emails';
import { createMailgunStandIn } from './stand-ins/mailgun';
import { type RunningStandIn, serveStandIn } from './stand-ins/serve';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'stride-create-provider-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const deps = () => ({ fetch, dataDir, now: () => FIXED_NOW });

describe('createProvider', () => {
  it.each<[MailboxForProvider, string]>([
    [{ provider: 'sandbox', address: 'ann@sender.test', settings: undefined }, 'sandbox'],
    [
      { provider: 'smtp', address: 'ann@sender.test', settings: { host: 'smtp.sender.test', port: 587 } },
      'smtp',
    ],
    [{ provider: 'gmail', address: 'ann@sender.test', settings: { accessToken: 'ya29.x' } }, 'gmail'],
    [{ provider: 'outlook', address: 'ann@sender.test', settings: { accessToken: 'EwB.x' } }, 'outlook'],
    [{ provider: 'sendgrid', address: 'ann@sender.test', settings: { apiKey: 'SG.x' } }, 'sendgrid'],
    [{ provider: 'mailgun', address: 'ann@sender.test', settings: { apiKey: 'key-x' } }, 'mailgun'],
  ])('builds the %o provider', (mailbox, name) => {
    expect(createProvider(mailbox, deps()).name).toBe(name);
  });

  it.each<[MailboxForProvider, RegExp]>([
    [{ provider: 'smtp', address: 'a@b.test', settings: { host: 'smtp.b.test' } }, /port/],
    [{ provider: 'smtp', address: 'a@b.test', settings: { host: '', port: 70000 } }, /host.*port|port/],
    [{ provider: 'gmail', address: 'a@b.test', settings: {} }, /accessToken/],
    [
      { provider: 'outlook', address: 'a@b.test', settings: { accessToken: 'x', apiBaseUrl: 'ftp://x' } },
      /apiBaseUrl/,
    ],
    [{ provider: 'sendgrid', address: 'a@b.test', settings: null }, /apiKey|settings/],
  ])('refuses invalid settings as an inactive mailbox: %o', (mailbox, field) => {
    let thrown: unknown;
    try {
      createProvider(mailbox, deps());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProviderError);
    expect(thrown).toMatchObject({ kind: 'auth', reason: 'mailbox_inactive' });
    expect((thrown as ProviderError).detail).toMatch(field);
  });

  it('exposes the settings schemas for the mailbox route', () => {
    expect(mailboxSettingsSchemas.smtp.safeParse({ host: 'h', port: 25, secure: false }).success).toBe(true);
    // The webhook keys live in the same settings (API.md), so parsing must keep them.
    expect(mailboxSettingsSchemas.mailgun.parse({ apiKey: 'k', webhookSigningKey: 's' })).toEqual({
      apiKey: 'k',
      webhookSigningKey: 's',
    });
    expect(
      mailboxSettingsSchemas.sendgrid.parse({ apiKey: 'k', webhookPublicKey: 'MFkw' }).webhookPublicKey,
    ).toBe('MFkw');
    expect(mailboxSettingsSchemas.gmail.safeParse({ accessToken: 'x', tokenUrl: 'not a url' }).success).toBe(
      false,
    );
  });

  it('the sandbox writes under deps.dataDir/outbox', async () => {
    const provider = createProvider(
      { provider: 'sandbox', address: 'ann@sender.test', settings: {} },
      deps(),
    );
    const email = sampleEmail();
    await provider.send(email);
    expect(await readdir(join(dataDir, 'outbox'))).toContain(`${email.messageId.slice(1, -1)}.eml`);
  });

  it('Mailgun defaults the sending domain to the mailbox address domain', async () => {
    const standIn = createMailgunStandIn('key-x', ['sender.test']);
    const running: RunningStandIn = await serveStandIn(standIn.app);
    try {
      const provider = createProvider(
        {
          provider: 'mailgun',
          address: 'ann@sender.test',
          settings: { apiKey: 'key-x', apiBaseUrl: running.url },
        },
        deps(),
      );
      await provider.send(sampleEmail());
      expect(standIn.state.sent.map((s) => s.domain)).toEqual(['sender.test']);
      expect(standIn.state.problems).toEqual([]);
    } finally {
      await running.close();
    }
  });
});

describe('zeroLatencyProvider (benchmarks and tests only)', () => {
  it('records every send in order and reconciles what it recorded', async () => {
    const provider = zeroLatencyProvider();
    const a = sampleEmail();
    const b = sampleEmail();
    expect(await provider.send(a)).toEqual({ messageId: a.messageId, providerMessageId: 'zero-latency-1' });
    await provider.send(b);
    expect(provider.sent).toEqual([a, b]);
    expect(await provider.reconcile?.(a.messageId)).toBe('sent');
    expect(await provider.reconcile?.('<never@sent.test>')).toBe('not_found');
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    const provider = zeroLatencyProvider();
    await expect(provider.send(sampleEmail(), controller.signal)).rejects.toMatchObject({
      kind: 'transient',
    });
    expect(provider.sent).toEqual([]);
  });
});

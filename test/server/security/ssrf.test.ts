import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailboxes } from '../../../server/db/schema';
import { isInternalAddress } from '../../../server/net/internal-address';
import { BlockedHostError, createNetGuard, type ResolveAll } from '../../../server/net/net-guard';
import { createProvider } from '../../../server/providers/create-provider';
import { mapMailgunError } from '../../../server/providers/error-mapping';
import { MAX_DETAIL_LENGTH, ProviderError } from '../../../server/providers/provider';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { FIXED_NOW, sampleEmail } from '../providers/helpers/emails';
import { type RunningStandIn, serveStandIn } from '../providers/stand-ins/serve';
import {
  SMTP_PASSWORD,
  SMTP_USER,
  type SmtpStandIn,
  startSmtpStandIn,
} from '../providers/stand-ins/smtp-server';

/** Finding 2: provider hosts pointed at loopback, metadata or private ranges, and the answer shown back. */

const causes = (error: unknown): unknown[] => {
  const out: unknown[] = [];
  for (let e = error; e && out.length < 5; e = (e as { cause?: unknown }).cause) out.push(e);
  return out;
};

describe('internal addresses', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.8',
    '172.16.4.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '224.0.0.1',
    'not-an-ip',
  ])('%s is internal', (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });
  it.each(['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111'])('%s is public', (address) => {
    expect(isInternalAddress(address)).toBe(false);
  });
});

describe('net guard: every connection is checked', () => {
  let api: RunningStandIn;
  let smtp: SmtpStandIn;
  beforeAll(async () => {
    const app = new Hono();
    app.get('/secret', (c) => c.text('iam-role-credentials'));
    app.post('/v3/mail/send', (c) => c.body(null, 202));
    api = await serveStandIn(app);
    smtp = await startSmtpStandIn();
  });
  afterAll(async () => {
    await api.close();
    await smtp.close();
  });

  it('fetch refuses a literal loopback URL, and fetches it when internal hosts are allowed', async () => {
    const guarded = createNetGuard({ allowInternal: false });
    const refused = await guarded.fetch(`${api.url}/secret`).catch((e: unknown) => e);
    expect(causes(refused).some((e) => e instanceof BlockedHostError)).toBe(true);
    const allowed = await createNetGuard({ allowInternal: true }).fetch(`${api.url}/secret`);
    expect(await allowed.text()).toBe('iam-role-credentials');
  });

  it('a name that resolves to a public address when checked and to loopback when used is refused (rebinding)', async () => {
    const answers = ['93.184.216.34', '127.0.0.1'];
    let calls = 0;
    const resolve: ResolveAll = async () => {
      const address = answers[Math.min(calls, answers.length - 1)] as string;
      calls += 1;
      return [{ address, family: 4 }];
    };
    const guard = createNetGuard({ allowInternal: false, resolve });
    // The first look (say, when settings were saved) sees a public address...
    expect(await guard.resolve('rebind.test')).toEqual([{ address: '93.184.216.34', family: 4 }]);
    // ...the connection looks again and gets loopback: refused before any byte is sent.
    const port = new URL(api.url).port;
    const refused = await guard.fetch(`http://rebind.test:${port}/secret`).catch((e: unknown) => e);
    expect(causes(refused).some((e) => e instanceof BlockedHostError)).toBe(true);
    expect(calls).toBe(2);
  });

  it('an HTTP provider pointed at loopback fails as a mailbox problem (auth), not with the answer', async () => {
    const provider = createProvider(
      { provider: 'sendgrid', address: 'ann@sender.test', settings: { apiKey: 'k', apiBaseUrl: api.url } },
      { fetch: globalThis.fetch, dataDir: '/tmp', netGuard: createNetGuard({ allowInternal: false }) },
    );
    const error = await provider.send(sampleEmail()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'auth', reason: 'mailbox_inactive', mayHaveSent: false });
    expect((error as ProviderError).detail).toMatch(/internal address 127\.0\.0\.1/);
  });

  it('SMTP connects through the guard: refused on loopback unless allowed', async () => {
    const settings = { host: '127.0.0.1', port: smtp.port, user: SMTP_USER, password: SMTP_PASSWORD };
    const make = (allowInternal: boolean) =>
      createProvider(
        { provider: 'smtp', address: 'ann@sender.test', settings },
        {
          fetch: globalThis.fetch,
          dataDir: '/tmp',
          now: () => FIXED_NOW,
          netGuard: createNetGuard({ allowInternal }),
        },
      );
    const before = smtp.received.length;
    const error = await make(false)
      .send(sampleEmail())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'auth', reason: 'mailbox_inactive' });
    expect(smtp.received.length).toBe(before);
    const ok = await make(true).send(sampleEmail());
    expect(ok.messageId).toBeTruthy();
    expect(smtp.received.length).toBe(before + 1);
  });
});

describe('Email.detail is the provider’s message, bounded, never a body', () => {
  it('an HTML or unknown body becomes the status only', () => {
    const html = '<html><body>{"AccessKeyId":"ASIA...","SecretAccessKey":"..."}</body></html>';
    const error = mapMailgunError({
      status: 500,
      headers: new Headers(),
      text: html,
      body: undefined,
      nowMs: 0,
    });
    expect(error.detail).toBe('HTTP 500');
  });
  it('a provider message is kept, on one line and at most MAX_DETAIL_LENGTH characters', () => {
    const message = `bad\nthing ${'x'.repeat(5000)}`;
    const error = mapMailgunError({
      status: 400,
      headers: new Headers(),
      text: '',
      body: { message },
      nowMs: 0,
    });
    expect(error.detail.length).toBeLessThanOrEqual(MAX_DETAIL_LENGTH);
    expect(error.detail.startsWith('bad thing xxx')).toBe(true);
  });
});

describe.each(backends)('provider hosts when saving a mailbox (%s)', (backend) => {
  const t = useTestApp(backend);
  const create = (token: string | undefined, settings: Record<string, unknown>, provider = 'gmail') =>
    t.call('POST', '/api/mailboxes', {
      token,
      body: { provider, address: `box-${Math.random().toString(36).slice(2)}@acme.test`, settings },
    });

  it('a rep cannot point apiBaseUrl, tokenUrl or an SMTP host at internal addresses, even with the switch on', async () => {
    const rep = await t.createUser('rep');
    for (const allow of [false, true]) {
      t.deps.config.allowPrivateProviderHosts = allow;
      const metadata = await create(rep.token, {
        accessToken: 'a',
        apiBaseUrl: 'http://169.254.169.254/latest',
      });
      expect(metadata.status).toBe(400);
      expect(metadata.body.error.details[0].path).toBe('settings.apiBaseUrl');
      const token = await create(rep.token, { accessToken: 'a', tokenUrl: 'http://[::1]:8080/token' });
      expect(token.body.error.details[0].path).toBe('settings.tokenUrl');
      const relay = await create(rep.token, { host: '10.0.0.5', port: 25 }, 'smtp');
      expect(relay.status).toBe(400);
      expect(relay.body.error.details[0].path).toBe('settings.host');
      const local = await create(rep.token, { host: 'localhost', port: 25 }, 'smtp');
      expect(local.status).toBe(400);
      const reader = await create(
        rep.token,
        { host: 'smtp.example.com', port: 587, imap: { host: '127.0.0.1', port: 993 } },
        'smtp',
      );
      expect(reader.status).toBe(400);
      expect(reader.body.error.details.map((d: { path: string }) => d.path)).toEqual(['settings.imap.host']);
    }
    const pub = await create(rep.token, { host: 'smtp.example.com', port: 587 }, 'smtp');
    expect(pub.status).toBe(201);
  });

  it('an admin may, only with STRIDE_ALLOW_PRIVATE_PROVIDER_HOSTS; a rep’s later change drops the approval', async () => {
    t.deps.config.allowPrivateProviderHosts = false;
    const refused = await create(undefined, { host: '10.0.0.5', port: 25 }, 'smtp');
    expect(refused.status).toBe(400);
    t.deps.config.allowPrivateProviderHosts = true;
    const admin = await create(undefined, { host: '10.0.0.5', port: 25 }, 'smtp');
    expect(admin.status).toBe(201);
    const [row] = await t.db.database.db.select().from(mailboxes).where(eq(mailboxes.id, admin.body.id));
    expect(row?.internalHostsApprovedBy).toBeTruthy();
    // An admin re-saving keeps it approved; settings saved without the switch lose the approval.
    t.deps.config.allowPrivateProviderHosts = false;
    const patched = await t.call('PATCH', `/api/mailboxes/${admin.body.id}`, {
      body: { settings: { host: 'smtp.example.com' } },
    });
    expect(patched.status).toBe(200);
    const [after] = await t.db.database.db.select().from(mailboxes).where(eq(mailboxes.id, admin.body.id));
    expect(after?.internalHostsApprovedBy).toBeNull();
  });
});

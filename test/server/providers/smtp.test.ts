import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpProvider, type SmtpSettings } from '../../../server/providers/smtp';
import { FIXED_NOW, sampleEmail } from './helpers/emails';
import { failure } from './helpers/failure';
import { findPart, parseMime } from './helpers/parse-mime';
import { closedPort } from './stand-ins/serve';
import { RCPT, SMTP_PASSWORD, SMTP_USER, type SmtpStandIn, startSmtpStandIn } from './stand-ins/smtp-server';

function provider(port: number, overrides: Partial<SmtpSettings> = {}) {
  return createSmtpProvider(
    { host: '127.0.0.1', port, user: SMTP_USER, password: SMTP_PASSWORD, ...overrides },
    { now: () => FIXED_NOW, timeouts: { connection: 5_000, greeting: 5_000, socket: 10_000 } },
  );
}

describe('SMTP over plain TCP with AUTH (loopback only)', () => {
  let server: SmtpStandIn;
  beforeAll(async () => {
    server = await startSmtpStandIn();
  });
  afterAll(() => server.close());
  afterEach(() => {
    server.refuseConnections = false;
  });

  it('delivers our MIME as built: Message-ID, threading, unsubscribe headers, both parts, signature', async () => {
    const email = sampleEmail({
      subject: 'Re: Quick question',
      inReplyTo: '<first@stride.test>',
      references: ['<first@stride.test>'],
    });
    const result = await provider(server.port).send(email);
    expect(result).toEqual({ messageId: email.messageId, providerMessageId: '7F3A2B' });

    const received = server.received.at(-1)!;
    expect(received.from).toBe('ann@sender.test');
    expect(received.to).toEqual(['bob@recipient.test']);
    expect(received.user).toBe(SMTP_USER);
    const mime = parseMime(received.raw);
    expect(mime.header('message-id')).toBe(email.messageId);
    expect(mime.header('in-reply-to')).toBe('<first@stride.test>');
    expect(mime.header('references')).toBe('<first@stride.test>');
    expect(mime.header('list-unsubscribe')).toBe(
      '<https://stride.test/u/abc.def>, <mailto:unsubscribe+abc@stride.test>',
    );
    expect(mime.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mime.header('x-stride-email-id')).toBe(email.correlationId);
    expect(findPart(mime, 'text/plain')?.body).toMatch(/right person to talk to\?\r\n\r\n-- \r\nAnn Rep/);
    expect(findPart(mime, 'text/html')?.body).toContain('<div class="stride-signature">Ann Rep<br>');
  });

  it('RCPT 550 5.1.1 is a bounce with the server words', async () => {
    const error = await failure(provider(server.port).send(sampleEmail({ to: { address: RCPT.unknown } })));
    expect(error).toMatchObject({ kind: 'bounce', reason: null, mayHaveSent: false });
    expect(error.detail).toBe('550 5.1.1 User Unknown');
  });

  it('DATA 554 "looks like SPAM" is email_service_provider_error with the detail kept', async () => {
    const before = server.received.length;
    const error = await failure(provider(server.port).send(sampleEmail({ to: { address: RCPT.spamtrap } })));
    expect(error).toMatchObject({
      kind: 'blocked',
      reason: 'email_service_provider_error',
      mayHaveSent: false,
    });
    expect(error.detail).toBe('554 Sorry, message looks like SPAM to me');
    expect(server.received).toHaveLength(before);
  });

  it('RCPT 451 is transient', async () => {
    const error = await failure(provider(server.port).send(sampleEmail({ to: { address: RCPT.busy } })));
    expect(error).toMatchObject({ kind: 'transient', reason: null, mayHaveSent: false });
    expect(error.detail).toBe('451 4.3.0 Mailbox temporarily unavailable');
  });

  it('a 421 greeting is transient and certainly not sent', async () => {
    server.refuseConnections = true;
    const error = await failure(provider(server.port).send(sampleEmail()));
    expect(error).toMatchObject({ kind: 'transient', mayHaveSent: false });
    expect(error.detail).toBe('421 4.7.0 Too many connections, try again later');
  });

  it('wrong credentials are auth / mailbox_inactive', async () => {
    const error = await failure(provider(server.port, { password: 'wrong' }).send(sampleEmail()));
    expect(error).toMatchObject({ kind: 'auth', reason: 'mailbox_inactive', mayHaveSent: false });
    expect(error.detail).toBe('535 5.7.8 Authentication credentials invalid');
  });

  it('requireTls against a server without STARTTLS stops the mailbox before anything is sent', async () => {
    const before = server.received.length;
    const error = await failure(provider(server.port, { requireTls: true }).send(sampleEmail()));
    expect(error).toMatchObject({ kind: 'auth', reason: 'mailbox_inactive', mayHaveSent: false });
    expect(error.detail).toMatch(/^500 /);
    expect(server.received).toHaveLength(before);
  });
});

describe('SMTP connection failures', () => {
  it('connection refused is transient and never sent', async () => {
    const error = await failure(provider(await closedPort()).send(sampleEmail()));
    expect(error).toMatchObject({ kind: 'transient', reason: null, mayHaveSent: false });
    expect(error.detail).toMatch(/ECONNREFUSED/);
  });

  it('an invalid email fails before connecting, as other', async () => {
    const error = await failure(provider(await closedPort()).send(sampleEmail({ messageId: 'bad' })));
    expect(error).toMatchObject({ kind: 'unknown', reason: 'other' });
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// node:crypto cannot issue X.509 certificates, so the TLS cases use the openssl CLI when present.
describe.skipIf(!hasOpenssl())('SMTP with TLS (self-signed certificate made by openssl at test time)', () => {
  let dir: string;
  let tls: { key: string; cert: string };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stride-smtp-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    tls = {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('upgrades with STARTTLS before AUTH and sends', async () => {
    const server = await startSmtpStandIn({ ...tls });
    try {
      const email = sampleEmail();
      await provider(server.port, { requireTls: true, ca: tls.cert }).send(email);
      expect(server.received[0]).toMatchObject({ secure: true, user: SMTP_USER });
      expect(parseMime(server.received[0]!.raw).header('message-id')).toBe(email.messageId);
    } finally {
      await server.close();
    }
  });

  it('sends over implicit TLS (secure: true)', async () => {
    const server = await startSmtpStandIn({ ...tls, secure: true });
    try {
      await provider(server.port, { secure: true, ca: tls.cert }).send(sampleEmail());
      expect(server.received[0]?.secure).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('an untrusted certificate fails before anything is sent', async () => {
    const server = await startSmtpStandIn({ ...tls });
    try {
      const error = await failure(provider(server.port, { requireTls: true }).send(sampleEmail()));
      expect(error).toMatchObject({ kind: 'transient', mayHaveSent: false });
      expect(server.received).toHaveLength(0);
    } finally {
      await server.close();
    }
  });
});

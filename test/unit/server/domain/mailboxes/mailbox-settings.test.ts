import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkMailboxSettings,
  mailboxProviderSettings,
  mergeSettings,
  sealSettings,
  settingsHints,
} from '../../../../../server/domain/mailboxes/mailbox-settings';
import { sealJson } from '../../../../../server/domain/mailboxes/secret-box';

const key = Buffer.alloc(32, 9);

describe('checkMailboxSettings', () => {
  it('names the failing fields under settings.', () => {
    const r = checkMailboxSettings('smtp', { host: '', port: 70000 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path).sort()).toEqual(['settings.host', 'settings.port']);
  });

  it('accepts a SendGrid webhook key only when it is an ECDSA public key', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const der = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    expect(checkMailboxSettings('sendgrid', { apiKey: 'SG.x', webhookPublicKey: der })).toMatchObject({
      ok: true,
      settings: { apiKey: 'SG.x', webhookPublicKey: der },
    });
    const bad = checkMailboxSettings('sendgrid', { apiKey: 'SG.x', webhookPublicKey: 'bm90IGEga2V5' });
    expect(bad.ok).toBe(false);
  });

  it('keeps the Mailgun signing key and drops unknown keys', () => {
    const r = checkMailboxSettings('mailgun', { apiKey: 'k', webhookSigningKey: 'sign', junk: 1 });
    expect(r).toEqual({ ok: true, settings: { apiKey: 'k', webhookSigningKey: 'sign' } });
  });
});

describe('mergeSettings', () => {
  it('replaces given keys and removes null ones', () => {
    expect(mergeSettings({ a: 1, b: 2, c: 3 }, { b: 20, c: null, d: 4 })).toEqual({ a: 1, b: 20, d: 4 });
  });
  it('merges settings.imap one level down, so a new IMAP host keeps the stored IMAP password', () => {
    const stored = {
      host: 'smtp.acme.test',
      port: 587,
      imap: { host: 'imap.acme.test', port: 993, password: 'p' },
    };
    expect(mergeSettings(stored, { imap: { host: 'mail.acme.test', port: 143, secure: false } })).toEqual({
      host: 'smtp.acme.test',
      port: 587,
      imap: { host: 'mail.acme.test', port: 143, secure: false, password: 'p' },
    });
    expect(mergeSettings(stored, { imap: null })).toEqual({ host: 'smtp.acme.test', port: 587 });
    expect(mergeSettings({ host: 'h' }, { imap: { host: 'i', port: 993 } })).toEqual({
      host: 'h',
      imap: { host: 'i', port: 993 },
    });
  });
});

describe('sealed settings', () => {
  it('seals nothing for empty settings and opens what was sealed', () => {
    expect(sealSettings(key, {})).toBeNull();
    expect(mailboxProviderSettings(key, { settingsEncrypted: null })).toEqual({});
    const sealed = sealSettings(key, { apiKey: 'k' });
    expect(mailboxProviderSettings(key, { settingsEncrypted: sealed })).toEqual({ apiKey: 'k' });
    expect(
      mailboxProviderSettings(key, { settingsEncrypted: sealJson(key, ['not', 'an', 'object']) }),
    ).toEqual({});
  });
});

describe('settingsHints', () => {
  it('says where mail goes and what is set, never a secret', () => {
    const smtp = settingsHints('smtp', {
      host: 'smtp.acme.test',
      port: 587,
      secure: false,
      user: 'u',
      password: 'pw',
    });
    expect(smtp).toEqual({ host: 'smtp.acme.test', port: 587, secure: false, hasPassword: true });
    const gmail = settingsHints('gmail', { accessToken: 'ya29.secret', refreshToken: '1//r' });
    expect(gmail).toEqual({ hasRefreshToken: true });
    const mailgun = settingsHints('mailgun', {
      apiKey: 'key-1',
      domain: 'mg.acme.test',
      webhookSigningKey: 's',
    });
    expect(mailgun).toEqual({ domain: 'mg.acme.test', webhookConfigured: true });
    expect(JSON.stringify([smtp, gmail, mailgun])).not.toMatch(/pw|ya29|1\/\/r|key-1/);
  });
});

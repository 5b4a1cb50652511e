import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openJson, SecretBoxError, sealJson } from '../../../../../server/domain/mailboxes/secret-box';

const key = Buffer.alloc(32, 7);

function tamper(sealed: string, part: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('secret-box', () => {
  it('round-trips JSON values', () => {
    const value = {
      host: 'smtp.example.test',
      port: 587,
      password: 'hunter2',
      nested: { list: [1, 'two', null] },
    };
    expect(openJson(key, sealJson(key, value))).toEqual(value);
    expect(openJson(key, sealJson(key, 'just a string'))).toBe('just a string');
  });

  it('uses the versioned format with a fresh IV each time', () => {
    const a = sealJson(key, { password: 'hunter2' });
    const b = sealJson(key, { password: 'hunter2' });
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('hunter2');
    expect(Buffer.from(a.split('.')[3] ?? '', 'base64url').toString('utf8')).not.toContain('hunter2');
  });

  it('refuses a wrong key with a clear error', () => {
    const sealed = sealJson(key, { apiKey: 'SG.secret' });
    expect(() => openJson(randomBytes(32), sealed)).toThrowError(/wrong key, or the data was altered/);
  });

  it.each([
    ['iv', 1],
    ['tag', 2],
    ['ciphertext', 3],
  ])('refuses a tampered %s', (_name, part) => {
    const sealed = sealJson(key, { apiKey: 'SG.secret' });
    expect(() => openJson(key, tamper(sealed, part))).toThrow(SecretBoxError);
  });

  it('refuses values that are not in the sealed format', () => {
    expect(() => openJson(key, '{"apiKey":"plain"}')).toThrowError(/not a sealed value/);
    expect(() => openJson(key, 'v2.AAAA.BBBB.CCCC')).toThrowError(/unsupported sealed value version/);
    expect(() => openJson(key, 'v1.AAAA.BBBB.CCCC')).toThrowError(/malformed iv or tag/);
  });

  it('needs a 32-byte key', () => {
    expect(() => sealJson(Buffer.alloc(16), {})).toThrowError(/32-byte key/);
    expect(() => openJson(Buffer.alloc(31), sealJson(key, {}))).toThrowError(/32-byte key/);
  });
});

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Provider credentials at rest: AES-256-GCM over JSON, sealed as `v1.<iv>.<tag>.<ciphertext>`
 * (base64url parts). The version prefix lets a later format (another cipher, key rotation) be read
 * next to this one; GCM's tag means a wrong key or any altered byte is an error, never garbage.
 */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

function checkKey(key: Buffer): void {
  if (key.length !== 32) throw new SecretBoxError(`secret-box needs a 32-byte key, got ${key.length} bytes`);
}

export function sealJson(key: Buffer, value: unknown): string {
  checkKey(key);
  const plaintext = JSON.stringify(value);
  if (plaintext === undefined) throw new SecretBoxError('secret-box can only seal JSON values');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

const B64URL = /^[A-Za-z0-9_-]*$/;

export function openJson<T = unknown>(key: Buffer, sealed: string): T {
  checkKey(key);
  const parts = sealed.split('.');
  if (parts.length !== 4 || !parts.slice(1).every((p) => B64URL.test(p))) {
    throw new SecretBoxError('not a sealed value (expected v1.<iv>.<tag>.<ciphertext>)');
  }
  const [version, ivPart, tagPart, dataPart] = parts as [string, string, string, string];
  if (version !== VERSION)
    throw new SecretBoxError(`unsupported sealed value version "${version.slice(0, 10)}"`);
  const iv = Buffer.from(ivPart, 'base64url');
  const tag = Buffer.from(tagPart, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new SecretBoxError('sealed value has a malformed iv or tag');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  let plaintext: string;
  try {
    plaintext = Buffer.concat([
      decipher.update(Buffer.from(dataPart, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new SecretBoxError('cannot open sealed value: wrong key, or the data was altered');
  }
  return JSON.parse(plaintext) as T;
}

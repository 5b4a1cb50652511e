import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

export const SECRET_KEY_FILE = 'secret.key';
/** `STRIDE_SECRET_KEY=base64:<contents of secret.key>` keeps a generated key after moving it out. */
export const RAW_KEY_PREFIX = 'base64:';

/**
 * The key that signs unsubscribe links and encrypts mailbox credentials. From STRIDE_SECRET_KEY when
 * set; otherwise generated once into the data directory so the embedded default needs no setup.
 */
export function loadSecretKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured?.startsWith(RAW_KEY_PREFIX)) {
    // The generated file's own key, moved out of the data directory: used as is, so what it
    // encrypted and signed before the move still reads.
    const raw = Buffer.from(configured.slice(RAW_KEY_PREFIX.length).trim(), 'base64');
    if (raw.length !== 32)
      throw new Error(
        `STRIDE_SECRET_KEY: after "${RAW_KEY_PREFIX}" put the 32-byte key in base64 (the contents of ${SECRET_KEY_FILE})`,
      );
    return raw;
  }
  if (configured) return createHash('sha256').update(configured).digest();
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, SECRET_KEY_FILE);
  if (!existsSync(path)) writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
}

function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || h.startsWith('::ffff:127.');
  return false;
}

/**
 * A local install is one only this machine reaches: it listens on loopback and its public URL (what
 * recipients' mail clients open) is loopback too. Anything else serves other people, and its data
 * directory is what gets backed up, copied and restored.
 */
export function isLocalInstall(opts: { publicUrl: string; host: string }): boolean {
  let hostname: string;
  try {
    hostname = new URL(opts.publicUrl).hostname;
  } catch {
    return false;
  }
  return isLoopbackHost(hostname) && isLoopbackHost(opts.host);
}

/**
 * With no STRIDE_SECRET_KEY the key lives in the data directory, beside the embedded database that
 * holds the credentials it encrypts: one copy of the directory (a backup, a snapshot, a stolen disk)
 * then holds both. Fine on a laptop; on a server the operator should keep the key elsewhere.
 */
export function secretKeyWarning(opts: {
  configured: string | undefined;
  dataDir: string;
  publicUrl: string;
  host: string;
  embeddedDatabase: boolean;
}): string | null {
  if (opts.configured || isLocalInstall(opts)) return null;
  const beside = opts.embeddedDatabase
    ? 'beside the embedded database whose mailbox credentials it encrypts'
    : 'in the data directory';
  return (
    `warning: the secret key is read from ${join(opts.dataDir, SECRET_KEY_FILE)}, ${beside}, on a server ` +
    `others reach (${opts.publicUrl}). Anyone with a copy of that directory can decrypt mailbox credentials ` +
    'and sign unsubscribe and tracking links. Keep the key elsewhere: set STRIDE_SECRET_KEY to ' +
    `"${RAW_KEY_PREFIX}" followed by the file's contents (from your secret manager), restart, then delete ` +
    'the file (README: "Keeping the secret key").'
  );
}

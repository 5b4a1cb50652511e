import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config';
import { isLocalInstall, loadSecretKey, secretKeyWarning } from '../../../server/runtime/secret-key';
import { startServer } from '../../../server/start-server';

/** Also in issue 13: `secret.key` sat beside the database on servers, with nothing said about it. */
describe('secret.key in the data directory', () => {
  const base = { configured: undefined, dataDir: '/srv/stride/.data', embeddedDatabase: true };

  it('local means loopback for both the bind address and the public URL', () => {
    expect(isLocalInstall({ publicUrl: 'http://127.0.0.1:8787', host: '127.0.0.1' })).toBe(true);
    expect(isLocalInstall({ publicUrl: 'http://localhost:8787', host: 'localhost' })).toBe(true);
    expect(isLocalInstall({ publicUrl: 'http://[::1]:8787', host: '::1' })).toBe(true);
    expect(isLocalInstall({ publicUrl: 'https://stride.example.com', host: '127.0.0.1' })).toBe(false);
    expect(isLocalInstall({ publicUrl: 'http://127.0.0.1:8787', host: '0.0.0.0' })).toBe(false);
    expect(isLocalInstall({ publicUrl: 'http://10.0.0.5:8787', host: '10.0.0.5' })).toBe(false);
  });

  it('warns only for a non-local install whose key comes from the data directory', () => {
    const local = { ...base, publicUrl: 'http://127.0.0.1:8787', host: '127.0.0.1' };
    const server = { ...base, publicUrl: 'https://stride.example.com', host: '0.0.0.0' };
    expect(secretKeyWarning(local)).toBeNull();
    expect(
      secretKeyWarning({ ...server, configured: 'a-long-secret-from-the-secret-manager-000' }),
    ).toBeNull();
    const warning = secretKeyWarning(server);
    expect(warning).toContain('/srv/stride/.data/secret.key');
    expect(warning).toContain('STRIDE_SECRET_KEY');
    expect(warning).toContain('embedded database');
    expect(secretKeyWarning({ ...server, embeddedDatabase: false })).toContain('data directory');
  });

  it('the generated key moves out as STRIDE_SECRET_KEY=base64:<file> and stays the same key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stride-key-'));
    try {
      const generated = loadSecretKey(undefined, dir);
      const contents = readFileSync(join(dir, 'secret.key'), 'utf8');
      expect(loadSecretKey(`base64:${contents}`, '/nonexistent')).toEqual(generated);
      expect(() => loadSecretKey('base64:too-short-to-be-a-key-at-all-xx', dir)).toThrow(/32-byte key/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('start-up logs the warning on a public install, and not once the key is moved out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stride-key-boot-'));
    const env = {
      STRIDE_DATA_DIR: dir,
      PORT: '0',
      STRIDE_ROLE: 'api',
      STRIDE_PUBLIC_URL: 'https://stride.example.com',
    };
    const boot = async (extra: Record<string, string> = {}) => {
      const warnings: string[] = [];
      const log = { info: () => {}, error: () => {}, warn: (...a: unknown[]) => warnings.push(a.join(' ')) };
      const running = await startServer(loadConfig({ ...env, ...extra }), log);
      await running.stop();
      return warnings;
    };
    try {
      const first = await boot();
      expect(first.some((w) => w.includes(join(dir, 'secret.key')) && w.includes('STRIDE_SECRET_KEY'))).toBe(
        true,
      );
      const contents = readFileSync(join(dir, 'secret.key'), 'utf8');
      const moved = await boot({ STRIDE_SECRET_KEY: `base64:${contents}` });
      expect(moved.filter((w) => w.includes('secret.key'))).toEqual([]);
      const local = await boot({ STRIDE_PUBLIC_URL: 'http://127.0.0.1:8787' });
      expect(local.filter((w) => w.includes('secret.key'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

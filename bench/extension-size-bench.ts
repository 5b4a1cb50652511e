import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { attributeBundle } from './bundle-attribution';

export type ContentScriptSize = {
  script: string;
  totalBytes: number;
  inboxSdkBytes: number;
  /** Everything we ship into the mail page beyond InboxSDK: our code, React, WXT's runtime. */
  oursBytes: number;
  largest: [owner: string, bytes: number][];
};

/** Builds the extension once more with hidden source maps into a scratch directory and splits each content script by owner. */
export function extensionSizeBench(): ContentScriptSize[] {
  const outDir = resolve('artifacts/bundle-report');
  rmSync(outDir, { recursive: true, force: true });
  execFileSync('npx', ['wxt', 'build'], {
    env: { ...process.env, STRIDE_BUNDLE_REPORT_DIR: outDir },
    stdio: 'pipe',
  });
  return ['outlook', 'gmail'].map((script) => {
    const file = join(outDir, 'chrome-mv3/content-scripts', `${script}.js`);
    const code = readFileSync(file, 'utf8');
    const sizes = attributeBundle(code, readFileSync(`${file}.map`, 'utf8'));
    const totalBytes = Buffer.byteLength(code);
    const inboxSdkBytes = sizes.get('@inboxsdk/core') ?? 0;
    sizes.delete('@inboxsdk/core');
    const largest = [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 4);
    return { script, totalBytes, inboxSdkBytes, oursBytes: totalBytes - inboxSdkBytes, largest };
  });
}

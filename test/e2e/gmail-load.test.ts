import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, extensionId, launchWithExtension } from './helpers/browser';

const gmailFixture = readFileSync(resolve('test/fixtures/gmail/minimal.html'), 'utf8');

describe('the built extension in Debian Chromium', () => {
  let context: BrowserContext;
  const reachedTelemetry: string[] = [];

  beforeAll(async () => {
    // The user's build has no InboxSDK app id (Gmail then only says so; host-fixtures.test.ts covers
    // that). This suite builds its own copy with a test id, so the InboxSDK path runs on every npm test.
    const outDir = mkdtempSync(join(tmpdir(), 'stride-gmail-build-'));
    execFileSync(process.execPath, [resolve('node_modules/wxt/bin/wxt.mjs'), 'build'], {
      env: { ...process.env, WXT_INBOXSDK_APP_ID: 'sdk_stride_e2e_0', STRIDE_BUILD_OUT_DIR: outDir },
      stdio: 'ignore',
    });
    context = await launchWithExtension(
      [{ url: 'https://mail.google.com/**', html: gmailFixture }],
      join(outDir, 'chrome-mv3'),
    );
    context.on('requestfinished', (req) => {
      if (/inboxsdk\.com/.test(req.url())) reachedTelemetry.push(req.url());
    });
  });
  afterAll(async () => {
    await context?.close();
  });

  it('loads: its service worker runs and its pages are reachable', async () => {
    const id = await extensionId(context);
    expect(id).toMatch(/^[a-p]{32}$/);
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/popup.html`);
    await expect.poll(() => page.locator('#root').innerHTML()).not.toBe('');
    await page.close();
  });

  it('on a Gmail page, InboxSDK loads and marks <html> with the host and the signed-in address', async () => {
    const page = await context.newPage();
    await page.goto('https://mail.google.com/mail/u/0/#inbox');
    // The page's own <html>: Stride's shadow roots hold <html> elements of their own.
    const marker = (key: string) => page.evaluate((k) => document.documentElement.dataset[k] ?? null, key);
    await expect.poll(() => marker('strideHost'), { timeout: 30_000 }).toBe('gmail');
    expect(await marker('strideUser')).toBe('rep@example.test');
    await page.screenshot({ path: resolve(ARTIFACTS_DIR, 'gmail-load.png') });
    // Whatever InboxSDK tried to send home was aborted before it left the browser.
    expect(reachedTelemetry).toEqual([]);
    await page.close();
  });
});

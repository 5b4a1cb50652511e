import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, extensionId, launchWithExtension } from './helpers/browser';

const gmailFixture = readFileSync(resolve('test/fixtures/gmail/minimal.html'), 'utf8');

describe('the built extension in Debian Chromium', () => {
  let context: BrowserContext;
  const reachedTelemetry: string[] = [];

  beforeAll(async () => {
    context = await launchWithExtension([{ url: 'https://mail.google.com/**', html: gmailFixture }]);
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

  it('on a Gmail page, InboxSDK loads and marks <html> with the host and the signed-in address', async (ctx) => {
    // Without a registered app id the build runs no InboxSDK (host-fixtures.test.ts covers that page).
    if (!process.env.WXT_INBOXSDK_APP_ID) return ctx.skip();
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

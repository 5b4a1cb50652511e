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

  it('on a Gmail page, InboxSDK loads and marks <html> with the host and the signed-in address', async () => {
    const page = await context.newPage();
    await page.goto('https://mail.google.com/mail/u/0/#inbox');
    const html = page.locator('html');
    await expect.poll(() => html.getAttribute('data-stride-host'), { timeout: 30_000 }).toBe('gmail');
    expect(await html.getAttribute('data-stride-user')).toBe('rep@example.test');
    await page.screenshot({ path: resolve(ARTIFACTS_DIR, 'gmail-load.png') });
    // Whatever InboxSDK tried to send home was aborted before it left the browser.
    expect(reachedTelemetry).toEqual([]);
    await page.close();
  });
});

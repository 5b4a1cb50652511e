import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');
export const ARTIFACTS_DIR = resolve('artifacts');
export const SCREENSHOTS_DIR = resolve('docs/screenshots');

/**
 * Copies a screenshot saved under artifacts/ to docs/screenshots for the README, only when asked
 * (STRIDE_UPDATE_SCREENSHOTS=1, `npm run screenshots`): ordinary test runs never rewrite tracked files.
 */
export function publishScreenshot(file: string): void {
  if (process.env.STRIDE_UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  copyFileSync(file, resolve(SCREENSHOTS_DIR, basename(file)));
}
const CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));

/** InboxSDK reports usage to these hosts; tests never let it phone home. */
const TELEMETRY = [/^https:\/\/([a-z0-9-]+\.)*inboxsdk\.com\//];

export interface FixtureRoute {
  /** e.g. 'https://mail.google.com/**' */
  url: string;
  /** HTML served for every document request under that URL. */
  html: string | (() => string);
}

/**
 * Debian's Chromium with the real built extension loaded (branded Chrome ignores --load-extension).
 * Mail hosts are served from fixtures offline; chrome-extension:// and localhost requests pass through.
 */
export async function launchWithExtension(
  fixtures: FixtureRoute[],
  extensionDir: string = EXTENSION_DIR,
): Promise<BrowserContext> {
  if (!CHROMIUM) throw new Error('Chromium is missing: apt-get install -y chromium');
  if (!existsSync(resolve(extensionDir, 'manifest.json'))) {
    throw new Error('the extension is not built: run npm run build first');
  }
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
    ],
  });
  for (const pattern of TELEMETRY) await context.route(pattern, (route) => route.abort());
  for (const f of fixtures) {
    await context.route(f.url, (route) => {
      if (route.request().resourceType() !== 'document') return route.abort();
      const html = typeof f.html === 'function' ? f.html() : f.html;
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    });
  }
  return context;
}

/** The extension's id, read from its service worker's URL. */
export async function extensionId(context: BrowserContext): Promise<string> {
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const id = new URL(worker.url()).host;
  if (!id) throw new Error(`unexpected service worker url ${worker.url()}`);
  return id;
}

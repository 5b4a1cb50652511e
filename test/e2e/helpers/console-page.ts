import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { ARTIFACTS_DIR, publishScreenshot } from './browser';

/**
 * Saves the page as artifacts/console-NAME.png. With STRIDE_UPDATE_SCREENSHOTS=1 (`npm run
 * screenshots`) it also refreshes the README's copy in docs/screenshots; an ordinary test run
 * never rewrites tracked files.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const file = resolve(ARTIFACTS_DIR, `console-${name}.png`);
  // Let debounced previews and fonts settle, so the picture shows the finished screen.
  await page.waitForTimeout(400);
  await page.screenshot({ path: file, fullPage: true });
  publishScreenshot(file);
}

/** Waits until the screen's data has loaded (screens keep showing the previous answer meanwhile). */
export async function settled(page: Page, screen: string): Promise<void> {
  await page.locator(`[data-console-screen="${screen}"][aria-busy="false"]`).waitFor({ timeout: 15_000 });
}

/** Opens a console screen from the options page's navigation. */
export async function openScreen(page: Page, title: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: title, exact: true }).click();
  await page.getByRole('heading', { level: 2, name: title, exact: true }).waitFor();
}

import type { Locator, Page } from '@playwright/test';

/** True when `target` is the element with keyboard focus. */
export const isFocused = (target: Locator) =>
  target.evaluate((el) => el === document.activeElement).catch(() => false);

/**
 * Presses Tab (Shift+Tab with `back`) until `target` has focus, as a keyboard user walks the page;
 * fails when it is not reached within `max` presses (a control the keyboard cannot get to).
 */
export async function tabTo(page: Page, target: Locator, opts: { back?: boolean; max?: number } = {}) {
  await target.waitFor({ timeout: 15_000 });
  const key = opts.back ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i < (opts.max ?? 80); i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(key);
  }
  if (await isFocused(target)) return;
  const at = await page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName} ${el.getAttribute('aria-label') ?? el.textContent?.slice(0, 40)}` : 'nothing';
  });
  throw new Error(`${key} never reached ${target}; focus is on ${at}`);
}

/** What has keyboard focus, in words, for failure messages. */
export const focusedWords = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'the page itself (focus was lost)';
    return `${el.tagName.toLowerCase()} “${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 60)}”`;
  });

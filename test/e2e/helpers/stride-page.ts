import type { BrowserContext, Page } from '@playwright/test';

/** Signs in through the options page, as a rep would. */
export async function signInOnOptionsPage(
  context: BrowserContext,
  id: string,
  serverUrl: string,
  email: string,
  password: string,
) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/options.html`);
  await page.getByLabel('Server URL').fill(serverUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Signed in as').waitFor({ timeout: 15_000 });
  return page;
}

/** What the extension's service worker keeps in chrome.storage.local (read in the worker). */
export async function storedSettings(context: BrowserContext): Promise<Record<string, unknown> | undefined> {
  const [worker] = context.serviceWorkers();
  if (!worker) throw new Error('no service worker');
  return worker.evaluate(async () => {
    const all = await (globalThis as any).chrome.storage.local.get('stride:settings');
    return all['stride:settings'];
  });
}

/**
 * Clicks a conversation in the page's own JS world and times until the contact panel (inside its
 * shadow root) shows status for `email`; also says where that first status came from.
 */
export function timeToPanel(
  page: Page,
  convId: string,
  email: string,
): Promise<{ ms: number; source: string | null }> {
  return page.evaluate(
    ({ convId, email }) =>
      new Promise((resolve, reject) => {
        const t0 = performance.now();
        (document.querySelector(`[role="option"][data-convid="${convId}"]`) as HTMLElement).click();
        const find = () => {
          for (const host of document.querySelectorAll('[data-stride-anchor="contact-panel"] > *')) {
            const panel = host.shadowRoot?.querySelector('[data-stride="contact-panel"]');
            if (
              panel?.getAttribute('data-stride-email') === email &&
              panel.getAttribute('data-stride-state') === 'ready'
            ) {
              return panel;
            }
          }
          return undefined;
        };
        const poll = () => {
          const panel = find();
          if (panel)
            return resolve({ ms: performance.now() - t0, source: panel.getAttribute('data-stride-source') });
          if (performance.now() - t0 > 10_000) return reject(new Error(`no panel for ${email}`));
          setTimeout(poll, 0);
        };
        poll();
      }),
    { convId, email },
  );
}

/** Commits a recipient in the open compose form and times until the bar lists a reason for it. */
export function timeToReasons(page: Page, address: string): Promise<{ ms: number; codes: string[] }> {
  return page.evaluate(
    (address) =>
      new Promise((resolve, reject) => {
        const box = document.querySelector('[role="textbox"][aria-label="To"]') as HTMLElement;
        box.textContent = address;
        box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
        const t0 = Number(document.documentElement.dataset.owaRecipientAddedAt);
        const poll = () => {
          const host = document.querySelector('[data-stride-anchor="compose-bar"] > *');
          const reasons = host?.shadowRoot?.querySelectorAll(
            `[data-stride-recipient="${address}"] [data-stride-reason]`,
          );
          if (reasons && reasons.length > 0) {
            return resolve({
              ms: performance.now() - t0,
              codes: [...reasons].map((r) => r.getAttribute('data-stride-reason') ?? ''),
            });
          }
          if (performance.now() - t0 > 10_000) return reject(new Error(`no reasons for ${address}`));
          setTimeout(poll, 0);
        };
        poll();
      }),
    address,
  );
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

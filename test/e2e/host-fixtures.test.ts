import type { BrowserContext, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostFixture, OWA_FIXTURE_CONVID } from '../extension/helpers/host-fixtures';
import { strideAxeViolations } from './helpers/axe';
import { extensionId, launchWithExtension } from './helpers/browser';
import { signInOnOptionsPage } from './helpers/stride-page';
import { REP, startStride } from './helpers/stride-server';

/*
 * The built extension on real captured webmail markup (../shared/host-fixtures, read at run time),
 * each page served at the origin it came from, as a rep would meet it.
 */
const OUTLOOK_PAGES = [
  { file: 'owa-2025-reading-pane-en.html', host: 'outlook.office.com' },
  { file: 'owa-2025-reading-pane-en.html', host: 'outlook.cloud.microsoft' },
  { file: 'owa-2025-reading-pane-en.html', host: 'outlook.office365.com' },
  { file: 'owa-2025-reading-pane-en.html', host: 'outlook.live.com' },
  { file: 'owa-2025-reading-pane-de.html', host: 'outlook.office.com' },
] as const;
const GMAIL_PAGES = ['gmail-2014-inbox.html', 'gmail-2020-compose.html'] as const;

interface Observed {
  host: string;
  threadId: string;
  messages: Array<{ from: string; to: string[]; date: string; text?: string }>;
}

describe('the built extension on real captured Outlook and Gmail pages', () => {
  let stride: Awaited<ReturnType<typeof startStride>>;
  let context: BrowserContext;
  const observed: Observed[] = [];
  const served = new Map<string, string>();

  beforeAll(async () => {
    stride = await startStride();
    const hosts = new Set<string>(OUTLOOK_PAGES.map((p) => p.host));
    context = await launchWithExtension([
      ...[...hosts].map((host) => ({ url: `https://${host}/**`, html: () => served.get(host) ?? '' })),
      { url: 'https://mail.google.com/**', html: () => served.get('mail.google.com') ?? '' },
    ]);
    // What the extension reports to the server, read on the way (the request goes on unchanged).
    await context.route(`${stride.url}/api/threads/observe`, async (route) => {
      observed.push(route.request().postDataJSON() as Observed);
      await route.continue();
    });
    const id = await extensionId(context);
    const options = await signInOnOptionsPage(context, id, stride.url, REP.email, REP.password);
    await options.close();
  });

  afterAll(async () => {
    await context?.close();
    await stride?.stop();
  });

  const openPage = async (host: string, file: string, path: string): Promise<Page> => {
    served.set(host, hostFixture(file));
    const page = await context.newPage();
    await page.goto(`https://${host}${path}`);
    return page;
  };
  // The page's own <html>: Stride's shadow roots hold <html> elements of their own.
  const marker = (page: Page, key: string) =>
    page.evaluate((k) => document.documentElement.dataset[k] ?? null, key);
  const panel = (page: Page) => page.locator('[data-stride="contact-panel"]');

  it.each(OUTLOOK_PAGES)(
    '$file at $host: markers, the panel for the sender, the message reported',
    async ({ file, host }) => {
      const page = await openPage(host, file, `/mail/inbox/id/${encodeURIComponent(OWA_FIXTURE_CONVID)}`);
      await expect.poll(() => marker(page, 'strideHost'), { timeout: 20_000 }).toBe('outlook');
      expect(await marker(page, 'strideUser')).toBe('toberndo@outlook.com');

      await expect
        .poll(() => panel(page).getAttribute('data-stride-state'), { timeout: 20_000 })
        .toBe('ready');
      expect(await panel(page).getAttribute('data-stride-email')).toBe('sender@example.com');
      expect(
        await page.locator('[data-stride-anchor="contact-panel"]').getAttribute('data-stride-dock'),
      ).toBe('docked');

      // The background reports each message once: the same capture at another origin adds nothing.
      // The German capture shows its recipients in a RecipientWell ("An: …"); the English one shows none.
      const to = file.endsWith('-de.html') ? ['recipient@example.com'] : [];
      const reported = () =>
        observed.some(
          (r) =>
            r.host === 'outlook' &&
            r.threadId === OWA_FIXTURE_CONVID &&
            r.messages.length === 1 &&
            r.messages[0]?.from === 'sender@example.com' &&
            JSON.stringify(r.messages[0]?.to) === JSON.stringify(to),
        );
      await expect.poll(reported, { timeout: 15_000 }).toBe(true);

      expect(await strideAxeViolations(page)).toEqual([]);
      await page.close();
    },
  );

  it('a name-only sender with no address on the page: the panel says whose address is missing', async () => {
    served.set(
      'outlook.office.com',
      hostFixture('owa-2025-reading-pane-en.html')
        .replace('aria-label="From: sender@example.com"', 'aria-label="From: Dana Lee"')
        .replace('<span class="OZZZK">sender@example.com</span>', '<span class="OZZZK">Dana Lee</span>'),
    );
    const page = await context.newPage();
    await page.goto(`https://outlook.office.com/mail/inbox/id/${encodeURIComponent(OWA_FIXTURE_CONVID)}`);
    await expect
      .poll(() => panel(page).getAttribute('data-stride-state'), { timeout: 20_000 })
      .toBe('unreadable');
    expect(await panel(page).locator('[data-stride-unreadable]').textContent()).toBe(
      "Stride can't find the address of Dana Lee on this page.",
    );
    expect(await strideAxeViolations(page)).toEqual([]);
    await page.close();
  });

  it('at 800 px wide: the panel fits, collapses and floats by keyboard, remembers it, and passes axe', async () => {
    served.set('outlook.office.com', hostFixture('owa-2025-reading-pane-en.html'));
    const page = await context.newPage();
    await page.setViewportSize({ width: 800, height: 700 });
    const url = `https://outlook.office.com/mail/inbox/id/${encodeURIComponent(OWA_FIXTURE_CONVID)}`;
    await page.goto(url);
    const anchor = page.locator('[data-stride-anchor="contact-panel"]');
    await expect.poll(() => panel(page).getAttribute('data-stride-state'), { timeout: 20_000 }).toBe('ready');
    const box = await anchor.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 800).toBe(true);
    expect(await strideAxeViolations(page)).toEqual([]);

    // Keyboard only: Hide, then Float, each answered in place with focus kept on the control.
    const hide = anchor.getByRole('button', { name: 'Hide' });
    await hide.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => anchor.getByRole('button', { name: 'Show' }).getAttribute('aria-expanded'))
      .toBe('false');
    await anchor.getByRole('button', { name: 'Float' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => anchor.getAttribute('data-stride-dock')).toBe('floating');
    expect(await strideAxeViolations(page)).toEqual([]);

    // The next page (any mail tab) opens the panel where the rep left it.
    await page.reload();
    await expect.poll(() => anchor.getAttribute('data-stride-dock'), { timeout: 20_000 }).toBe('floating');
    await expect.poll(() => anchor.getByRole('button', { name: 'Show' }).count()).toBe(1);
    await anchor.getByRole('button', { name: 'Show' }).click();
    await anchor.getByRole('button', { name: 'Dock' }).click();
    await expect.poll(() => anchor.getAttribute('data-stride-dock')).toBe('docked');
    await page.close();
  });

  it('follows a dark host theme, still passing axe', async () => {
    served.set(
      'outlook.office.com',
      hostFixture('owa-2025-reading-pane-en.html').replace(
        '<body',
        '<body style="background:#202124;color:#e8eaed"',
      ),
    );
    const page = await context.newPage();
    await page.setViewportSize({ width: 800, height: 700 });
    await page.goto(`https://outlook.office.com/mail/inbox/id/${encodeURIComponent(OWA_FIXTURE_CONVID)}`);
    await expect.poll(() => panel(page).getAttribute('data-stride-state'), { timeout: 20_000 }).toBe('ready');
    await expect
      .poll(() => page.locator('[data-stride-anchor="contact-panel"] section').getAttribute('data-theme'))
      .toBe('dark');
    expect(await strideAxeViolations(page)).toEqual([]);
    await page.close();
  });

  it.each(GMAIL_PAGES)('%s at mail.google.com: marked, and never a blank page', async (file) => {
    const page = await openPage('mail.google.com', file, '/mail/u/0/');
    await expect.poll(() => marker(page, 'strideHost'), { timeout: 30_000 }).toBe('gmail');
    if (!process.env.WXT_INBOXSDK_APP_ID) {
      // A build without an app id runs no InboxSDK and says why, on the page.
      await expect
        .poll(() => panel(page).getAttribute('data-stride-state'), { timeout: 15_000 })
        .toBe('unreadable');
      expect(await panel(page).textContent()).toContain('WXT_INBOXSDK_APP_ID');
      expect(await strideAxeViolations(page)).toEqual([]);
    }
    await page.close();
  });
});

import type { BrowserContext, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strideAxeViolations } from './helpers/axe';
import { extensionId, launchWithExtension } from './helpers/browser';
import { openScreen, screenshot } from './helpers/console-page';
import { CONSOLE_REP, startConsoleServer } from './helpers/console-server';

type Step = { type: string; subject: string | null; body: string };

/*
 * The step editor's rich text in the built extension against a real server: what the rep formats is
 * what the server stores (sanitized) and what the editor shows again after a reload.
 */
describe('the rich-text step editor in the console', () => {
  let stride: Awaited<ReturnType<typeof startConsoleServer>>;
  let context: BrowserContext;
  let page: Page;
  let optionsUrl = '';
  const savedSteps = async () =>
    (await stride.api.get<{ items: { steps: Step[] }[] }>('/api/sequences')).items[0]?.steps ?? [];

  beforeAll(async () => {
    stride = await startConsoleServer();
    await stride.api.post('/api/mailboxes', {
      provider: 'sandbox',
      address: CONSOLE_REP.email,
      name: 'Casey Rep',
    });
    await stride.api.post('/api/contacts', {
      email: 'ada@acme.test',
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Acme',
      emailStatus: 'verified',
    });
    context = await launchWithExtension([]);
    page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    optionsUrl = `chrome-extension://${await extensionId(context)}/options.html`;
    await page.goto(optionsUrl);
    await openScreen(page, 'Account');
    await page.getByLabel('Server URL').fill(stride.url);
    await page.getByLabel('Email').fill(CONSOLE_REP.email);
    await page.getByLabel('Password').fill(CONSOLE_REP.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as').waitFor({ timeout: 15_000 });
  });

  afterAll(async () => {
    await context?.close();
    await stride?.stop();
  });

  it('types, formats, links, inserts a variable, previews, saves, and finds it all again after a reload', async () => {
    await openScreen(page, 'Sequences');
    await page.getByRole('button', { name: 'New sequence' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Rich text');
    await page.keyboard.press('Enter');
    const step = page.getByRole('region', { name: 'Step 1' });
    await step.getByRole('combobox', { name: 'Subject' }).fill('Hello {{firstName}}');

    const body = step.getByRole('combobox', { name: 'Body' });
    await body.click();
    await page.keyboard.type('Hi {{fir');
    await page.getByRole('option', { name: '{{firstName}}' }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.type(', see our pricing page.');
    // Select "pricing page" (not the full stop) and link it with Ctrl+K.
    await page.keyboard.press('ArrowLeft');
    for (let i = 0; i < 'pricing page'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Control+k');
    await page.getByLabel('Link address').fill('https://acme.test/pricing');
    await page.keyboard.press('Enter');
    // A bold line, typed bold with Ctrl+B.
    await body.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('Worth a look');
    await page.keyboard.press('Control+b');
    // A list from the toolbar.
    await page.keyboard.press('Enter');
    await step.getByRole('button', { name: 'Bulleted list' }).click();
    await page.keyboard.type('one');
    await page.keyboard.press('Enter');
    await page.keyboard.type('two');
    // Out of the list (Enter on an empty item), then pasted markup, cut down to what the editor holds.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await body.evaluate((el) => {
      const data = new DataTransfer();
      data.setData(
        'text/html',
        '<p>Pasted<img src="x" onerror="window.pwned=1"><script>window.pwned=1</script></p>',
      );
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });

    await expect
      .poll(() => body.locator('a[href="https://acme.test/pricing"]').textContent())
      .toBe('pricing page');
    expect(await body.locator('strong').textContent()).toBe('Worth a look');
    expect(await body.locator('ul li').allTextContents()).toEqual(['one', 'two']);
    expect(await step.getByRole('button', { name: 'Bold (Ctrl+B)' }).isVisible()).toBe(true);

    // The preview renders the formatted body for a chosen contact, the variable filled in.
    const preview = page.getByRole('region', { name: 'Live preview' });
    await preview.getByLabel('Preview as').fill('Ada');
    await preview.getByRole('button', { name: /Ada Lovelace/ }).click();
    const shown = preview.locator('[data-console-preview-body]');
    await expect.poll(() => shown.locator('p').first().textContent()).toBe('Hi Ada, see our pricing page.');
    expect(await shown.locator('strong').textContent()).toBe('Worth a look');
    expect(await shown.locator('a').getAttribute('href')).toBe('https://acme.test/pricing');
    expect(await shown.locator('li').count()).toBe(2);
    await screenshot(page, 'rich-editor');

    const axe = await strideAxeViolations(page, '#root');
    expect(axe).toEqual([]);

    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('All changes saved').waitFor();
    const stored = (await savedSteps())[0]?.body ?? '';
    expect(stored).toContain('Hi {{firstName}}, see our <a');
    expect(stored).toContain('href="https://acme.test/pricing"');
    expect(stored).toContain('<strong>Worth a look</strong>');
    expect(stored).toMatch(/<ul><li><p>one<\/p><\/li><li><p>two<\/p><\/li><\/ul>/);
    expect(stored).toContain('Pasted');
    for (const bad of ['script', 'onerror', 'pwned']) expect(stored).not.toContain(bad);
    expect(await page.evaluate(() => 'pwned' in window)).toBe(false);

    await page.reload();
    await openScreen(page, 'Sequences');
    await page.getByRole('button', { name: 'Rich text', exact: true }).click();
    const again = page.getByRole('region', { name: 'Step 1' }).getByRole('combobox', { name: 'Body' });
    await expect.poll(() => again.locator('strong').textContent(), { timeout: 15_000 }).toBe('Worth a look');
    expect(await again.locator('a[href="https://acme.test/pricing"]').textContent()).toBe('pricing page');
    expect(await again.locator('ul li').allTextContents()).toEqual(['one', 'two']);
    expect(await again.locator('p').first().textContent()).toBe('Hi {{firstName}}, see our pricing page.');
  });
});

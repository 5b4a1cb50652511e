import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionId, launchWithExtension } from './helpers/browser';
import { openScreen, screenshot, settled } from './helpers/console-page';
import { CONSOLE_REP, contactsCsv, startConsoleServer } from './helpers/console-server';

type Email = { id: string; contactId: string; status: string; reason?: string };
type Contact = { id: string; email: string };

const SEQUENCE = 'Q3 Outreach';
const BAD_ROW = 1700;
const ROWS = 2500;

describe('the console on the options page, with the built extension and a real server', () => {
  let stride: Awaited<ReturnType<typeof startConsoleServer>>;
  let context: BrowserContext;
  let page: Page;
  const contactByEmail = async (email: string) =>
    (await stride.api.get<{ items: Contact[] }>(`/api/contacts?email=${encodeURIComponent(email)}`)).items[0];
  const emailsOf = async (contactId: string) =>
    (await stride.api.get<{ items: Email[] }>(`/api/emails?contactId=${contactId}`)).items;

  beforeAll(async () => {
    stride = await startConsoleServer();
    // The brief's setup: the rep's sending mailbox exists before the console is opened.
    await stride.api.post('/api/mailboxes', {
      provider: 'sandbox',
      address: CONSOLE_REP.email,
      name: 'Casey Rep',
    });
    context = await launchWithExtension([]);
    const id = await extensionId(context);
    page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`chrome-extension://${id}/options.html`);
  });

  afterAll(async () => {
    await context?.close();
    await stride?.stop();
  });

  it('asks to sign in first, then signs in through the Account tab', async () => {
    await openScreen(page, 'Sequences');
    await page.getByText('Sign in to use the console').waitFor();
    await page.getByRole('link', { name: 'Sign in on the Account tab' }).click();
    await page.getByLabel('Server URL').fill(stride.url);
    await page.getByLabel('Email').fill(CONSOLE_REP.email);
    await page.getByLabel('Password').fill(CONSOLE_REP.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as').waitFor({ timeout: 15_000 });
  });

  it('builds a sequence: steps with autocomplete, schedule with a preview, ruleset, activation', async () => {
    await openScreen(page, 'Sequences');
    await page.getByText('No sequences yet').waitFor();
    await page.getByRole('button', { name: 'New sequence' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill(SEQUENCE);
    await page.keyboard.press('Enter');

    const step1 = page.getByRole('region', { name: 'Step 1' });
    const subject = step1.getByRole('combobox', { name: 'Subject' });
    await subject.fill('Quick question, {{fir');
    await page.getByRole('option', { name: '{{firstName}}' }).waitFor();
    await subject.press('Enter');
    await expect.poll(() => subject.inputValue()).toBe('Quick question, {{firstName}}');
    const body = step1.getByRole('combobox', { name: 'Body' });
    await body.fill('Hi {{firstName | "there"}}, how is {{company}} handling outreach?');

    await page.getByRole('button', { name: '+ Add step' }).click();
    const step2 = page.getByRole('region', { name: 'Step 2' });
    await step2.getByLabel('Type').selectOption('call');
    await step2.getByRole('spinbutton', { name: 'Wait' }).fill('0');
    await step2
      .getByRole('combobox', { name: 'Call notes and talking points' })
      .fill('Ask how the first email landed.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('All changes saved').waitFor();

    await page.getByRole('tab', { name: 'Schedule' }).click();
    await page.getByLabel('Time zone of the schedule').selectOption('UTC');
    await page.getByLabel("Send in each contact's own time zone when it is known").uncheck();
    const window1 = page.getByRole('group', { name: 'Window 1' });
    for (const day of ['Sat', 'Sun']) await window1.getByLabel(day).check();
    await window1.getByLabel('From').fill('00:00');
    await window1.getByLabel('until').fill('24:00');
    // With every hour open, the first step of a contact enrolled now goes out now.
    const preview = page.locator('[data-console-next-send]');
    await expect
      .poll(
        async () => Date.parse((await preview.getAttribute('data-console-next-send')) ?? '') - Date.now(),
        {
          timeout: 10_000,
        },
      )
      .toBeLessThan(60_000);
    await screenshot(page, 'sequence-schedule');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('All changes saved').waitFor();

    await page.getByRole('tab', { name: 'Rules' }).click();
    await page.getByLabel('Do not email contacts in these stages', { exact: true }).fill('Disqualified');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('All changes saved').waitFor();
    await page.getByRole('button', { name: 'Activate', exact: true }).click();
    await page.getByRole('button', { name: 'Deactivate', exact: true }).waitFor();

    const saved = (await stride.api.get<{ items: any[] }>('/api/sequences')).items[0];
    expect(saved).toMatchObject({
      name: SEQUENCE,
      active: true,
      ruleset: { blockedContactStages: ['Disqualified'] },
      schedule: { timezone: 'UTC', useContactTimezone: false },
    });
    expect(saved.steps.map((s: any) => [s.type, s.waitMinutes, s.subject])).toEqual([
      ['auto_email', 0, 'Quick question, {{firstName}}'],
      ['call', 0, null],
    ]);
    expect(saved.schedule.windows).toEqual([{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }]);
  });

  it('imports a CSV in parts with a progress bar, and names the bad row by its place in the whole file', async () => {
    await openScreen(page, 'Import');
    const csv = contactsCsv(ROWS, {
      1: 'ada@acme.test,Ada,Lovelace,Acme,Prospect,verified',
      2: 'blocked@acme.test,Bo,Blocked,Acme,Disqualified,verified',
      [BAD_ROW]: 'not-an-address,Broken,Row,Bulk Co,Prospect,verified',
    });
    // Each part answers a little later, so the bar is seen between parts.
    await context.route('**/api/contacts/import', async (route) => {
      await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('It goes up in 3 parts of 1,000 rows.').waitFor();
    await expect(await page.getByLabel('Import column “Email” as').inputValue()).toBe('field:email');
    await expect(await page.getByLabel('Import column “Email Status” as').inputValue()).toBe(
      'field:emailStatus',
    );
    await page.getByRole('button', { name: `Import ${ROWS.toLocaleString('en-US')} rows` }).click();
    await page.locator('[data-console-import-progress="1/3"]').waitFor({ timeout: 20_000 });
    const bar = page.getByRole('progressbar', { name: 'Import progress' });
    expect(await bar.getAttribute('aria-valuemax')).toBe('3');
    await page.getByText('Import finished.').waitFor({ timeout: 60_000 });
    await context.unroute('**/api/contacts/import');
    const failed = page.locator('[data-console-failed-row]');
    expect(await failed.count()).toBe(1);
    expect(await failed.getAttribute('data-console-failed-row')).toBe(String(BAD_ROW));
    expect(await failed.innerText()).toContain('1,701');
    expect(await failed.innerText()).toContain('email');
    expect(await page.getByRole('status').filter({ hasText: 'Import finished' }).innerText()).toContain(
      `${(ROWS - 1).toLocaleString('en-US')} contacts created`,
    );
    await screenshot(page, 'import');
  });

  it("imports another tool's export as it is: Apollo's columns mapped, values read, unreadable cells listed", async () => {
    await openScreen(page, 'Import');
    const again = page.getByRole('button', { name: 'Import another file' });
    if (await again.isVisible()) await again.click();
    const apollo = readFileSync(new URL('../fixtures/imports/apollo-contacts.csv', import.meta.url));
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'apollo.csv', mimeType: 'text/csv', buffer: apollo });
    expect(await page.getByLabel('Import column “Person Linkedin Url” as').inputValue()).toBe(
      'field:linkedinUrl',
    );
    expect(await page.getByLabel('Import column “First Phone” as').inputValue()).toBe('field:phone');
    expect(await page.getByLabel('Import column “Country” as').inputValue()).toBe('field:country');
    await page.getByRole('button', { name: /^Import \d+ rows$/ }).click();
    await page.getByText('Import finished.').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('status').filter({ hasText: 'Import finished' }).innerText()).toContain(
      '5 contacts created',
    );
    await page.getByText(/2 lists created/).waitFor();
    const cells = page.getByRole('table', { name: 'Values that were not imported' });
    expect(await cells.getByRole('row').filter({ hasText: 'Atlantis' }).innerText()).toMatch(
      /^5\s+Country\s+Atlantis\s+not a country/,
    );
    const zoe = await stride.api.get<{ items: Record<string, unknown>[] }>(
      '/api/contacts?email=zoe.angstrom%40nordlicht.example',
    );
    expect(zoe.items[0]).toMatchObject({
      firstName: 'Zoë',
      phone: '+4930901820',
      linkedinUrl: 'https://www.linkedin.com/in/zoe-angstrom',
      country: 'DE',
      timezone: 'Europe/Berlin',
    });
    await screenshot(page, 'import-apollo');
  });

  it('enrolls contacts from search, showing the stage warning and enrolling anyway', async () => {
    await openScreen(page, 'Sequences');
    await page.getByRole('button', { name: SEQUENCE, exact: true }).click();
    await page.getByRole('tab', { name: 'Contacts' }).click();
    await page.getByText('No contacts in this sequence yet').waitFor();
    await page.getByRole('button', { name: 'Add contacts' }).click();
    const dialog = page.getByRole('dialog');
    const search = dialog.getByLabel('Search contacts to add');
    await search.fill('ada@acme');
    await dialog.getByRole('checkbox', { name: /Ada Lovelace/ }).check();
    await search.fill('blocked@acme');
    await dialog.getByRole('checkbox', { name: /Bo Blocked/ }).check();
    await dialog.getByText('2 contacts chosen.').waitFor();
    await dialog.getByRole('button', { name: 'Add contacts' }).click();
    await dialog.locator('[data-console-rejected="blocked_contact_stage"]').waitFor();
    expect(await dialog.getByRole('status').innerText()).toContain('1 contact enrolled');
    await dialog.getByRole('button', { name: 'Enroll anyway (1)' }).click();
    await dialog.locator('[data-console-rejected]').waitFor({ state: 'detached' });
    expect(await dialog.getByRole('status').innerText()).toBe('1 contact enrolled.');
    await dialog.getByRole('button', { name: 'Close' }).click();

    const rows = page.locator('[data-console-enrollment]');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await settled(page, 'sequence-contacts');
    await screenshot(page, 'sequence-contacts');
    // The search runs on the server (the contact's name or email), whatever the case typed.
    const filter = page.getByRole('searchbox', { name: 'Search contacts by name or email' });
    await filter.fill('LOVELACE');
    await expect.poll(() => rows.count()).toBe(1);
    await page.locator('[data-console-enrollment="ada@acme.test"]').waitFor();
    await filter.fill('');
    await expect.poll(() => rows.count()).toBe(2);

    await page.getByRole('tab', { name: 'Steps' }).click();
    // The preview starts with the first enrolled contact and shows what the server would block.
    await page.locator('[data-console-preview-contact]').waitFor();
    await page.locator('[data-console-preflight]').waitFor({ timeout: 10_000 });
    await screenshot(page, 'sequence-editor');
  });

  it('finds the not-sent email by its reason, explains it, and retries it with force', async () => {
    const blocked = await contactByEmail('blocked@acme.test');
    if (!blocked) throw new Error('the import did not create blocked@acme.test');
    // The scheduler (role "all", polling every 200 ms) decides the due email by itself.
    await expect
      .poll(async () => (await emailsOf(blocked.id)).map((e) => `${e.status}:${e.reason ?? ''}`), {
        timeout: 20_000,
      })
      .toEqual(['not_sent:blocked_contact_stage']);

    await openScreen(page, 'Emails');
    await page.getByLabel('Not-sent reason').selectOption('blocked_contact_stage');
    expect(await page.getByRole('button', { name: 'Not sent', pressed: true }).count()).toBe(1);
    await settled(page, 'emails');
    const row = page.locator('[data-console-email="blocked@acme.test"]');
    await row.waitFor();
    expect(await page.locator('[data-console-email]').count()).toBe(1);
    expect(await row.innerText()).toContain(
      "The contact's stage is one the sequence's ruleset does not email.",
    );
    expect(await row.innerText()).toContain('retry with force send');
    await screenshot(page, 'emails');

    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Retry undelivered (1)' }).click();
    const dialog = page.getByRole('dialog');
    const explained = await dialog.locator('[data-console-force-explained]').innerText();
    expect(explained).toContain(
      'Skips these protections: Likely to bounce, Unverified email, Blocked contact stage',
    );
    expect(explained).toContain(
      'Never overrides: Unsubscribed, Person blocked, Company blocked, GDPR location blocked',
    );
    expect(await dialog.locator('[data-console-retry-forecast]').innerText()).toContain('will be held again');
    await dialog.getByLabel('Force send').check();
    expect(await dialog.locator('[data-console-retry-forecast]').innerText()).toContain('force send skips');
    await dialog.getByRole('button', { name: 'Retry', exact: true }).click();
    await page.getByText('1 email queued again with force send.').waitFor();

    await expect
      .poll(async () => (await emailsOf(blocked.id)).map((e) => e.status), { timeout: 20_000 })
      .toEqual(['sent']);
    await page.getByRole('button', { name: 'Sent', exact: true }).click();
    await settled(page, 'emails');
    await page.locator('[data-console-email="blocked@acme.test"][data-status="sent"]').waitFor();
  });

  it('lists the call task that follows, and completes it with a note', async () => {
    await openScreen(page, 'Tasks');
    const call = page.locator('[data-console-task="call"]', { hasText: 'ada@acme.test' });
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh' }).click();
          await settled(page, 'tasks');
          return call.count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    await screenshot(page, 'tasks');
    await call.getByRole('button', { name: 'Log call' }).click();
    await page
      .getByRole('dialog')
      .getByLabel('How did the call go?')
      .fill('Left a voicemail; will try Thursday.');
    await page.getByRole('dialog').getByRole('button', { name: 'Mark done' }).click();
    await page.getByText('Call with Ada Lovelace done.').waitFor();
    const done = await stride.api.get<{ items: Array<{ type: string; note?: string }> }>(
      '/api/tasks?status=completed',
    );
    expect(done.items).toEqual([
      expect.objectContaining({ type: 'call', note: 'Left a voicemail; will try Thursday.' }),
    ]);
  });

  it('shows mailboxes with status and limits, and validates the SMTP form before linking', async () => {
    await openScreen(page, 'Mailboxes');
    const card = page.locator(`[data-console-mailbox="${CONSOLE_REP.email}"]`);
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('active');
    expect(await card.innerText()).toContain('50 a day · 6 an hour');
    // The sandbox mailbox cannot be read: the card says so in words.
    expect(await card.locator('[data-console-sync]').getAttribute('data-console-sync')).toBe('off');
    await card.getByRole('button', { name: 'Check health' }).click();
    // example.test has no DNS records: the check still answers, with findings for each record.
    await card.locator('[data-console-health]').waitFor({ timeout: 30_000 });
    expect(await card.locator('[data-console-health]').innerText()).toMatch(/SPF[\s\S]*DKIM[\s\S]*DMARC/);
    await screenshot(page, 'mailboxes');

    await page.getByRole('button', { name: 'Link a mailbox' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Other (SMTP)').click();
    await dialog.getByLabel('Email address').fill('casey@acme.test');
    await dialog.getByLabel('Port', { exact: true }).fill('99999');
    await dialog.getByRole('button', { name: 'Link mailbox' }).click();
    await dialog.getByText('Enter the SMTP server, like smtp.example.com.').waitFor();
    await dialog.getByText('Use a port from 1 to 65535').waitFor();
    await screenshot(page, 'mailbox-link');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('reports the funnel and the sends per day of the sequence', async () => {
    await openScreen(page, 'Reports');
    await page.locator('[data-console-report]').waitFor();
    await settled(page, 'reports');
    const stage = (key: string) => page.locator(`[data-console-funnel="${key}"]`).getAttribute('data-count');
    expect(await stage('enrolled')).toBe('2');
    expect(await stage('contacted')).toBe('2');
    expect(await stage('not_sent')).toBe('0');
    await screenshot(page, 'reports');

    await openScreen(page, 'Sequences');
    await page.locator(`[data-console-sequence="${SEQUENCE}"]`).waitFor();
    await screenshot(page, 'sequences');
  });
});

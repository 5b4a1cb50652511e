import type { BrowserContext, Locator, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageAxeViolations } from './helpers/axe';
import { extensionId, launchWithExtension } from './helpers/browser';
import { openScreen, settled } from './helpers/console-page';
import { focusedWords, isFocused, tabTo } from './helpers/keyboard';
import { signInOnOptionsPage } from './helpers/stride-page';
import { startStride } from './helpers/stride-server';

/*
 * Issue 22's first day, in the real built extension against a real server: an admin links a mailbox
 * and builds a 3-step sequence, imports 50 contacts and enrolls 10, fixes a contact whose email was
 * held, retries it, and works the task queue by keyboard; then enroll, pause and retry again with
 * the keyboard alone. axe-core (WCAG 2.2 AA) runs on every screen and dialog the flows visit.
 * One browser and one server for the whole file: each flow builds on the one before.
 */

const ADMIN = { email: 'first-day@example.test', password: 'first-day-password-1' };
const SEQUENCE = 'First day';
/** Hot leads 1–3 have no company, which the first email asks for without a fallback. */
const NO_COMPANY = [1, 2, 3];

function firstDayCsv(): string {
  const lines = ['Email,First Name,Last Name,Company,Stage,Email Status'];
  for (let i = 1; i <= 10; i++) {
    lines.push(`hot${i}@day.test,Hana${i},Hot,${NO_COMPANY.includes(i) ? '' : `Hot Co ${i}`},Hot,verified`);
  }
  for (let i = 11; i <= 50; i++) lines.push(`cold${i}@day.test,Colm${i},Cold,Cold Co ${i},Cold,verified`);
  return `${lines.join('\n')}\n`;
}

type Email = { id: string; contactId: string; status: string; reason?: string };
type Task = { id: string; type: string; contactId: string; status: string };

describe('first day in the console: flows, keyboard-only variants, axe on every screen', () => {
  let stride: Awaited<ReturnType<typeof startStride>>;
  let context: BrowserContext;
  let page: Page;

  /** axe-core on the whole page as it is now: no critical or serious finding, or the run fails. */
  const audit = async (screen: string) => expect(await pageAxeViolations(page, screen)).toEqual([]);
  const expectFocus = async (target: Locator) =>
    expect
      .poll(async () => ((await isFocused(target)) ? 'focused' : await focusedWords(page)))
      .toBe('focused');
  const contactId = async (email: string) =>
    (await stride.api.get<{ items: { id: string }[] }>(`/api/contacts?email=${encodeURIComponent(email)}`))
      .items[0]?.id ?? '';
  const emailsOf = async (email: string) =>
    (await stride.api.get<{ items: Email[] }>(`/api/emails?contactId=${await contactId(email)}`)).items;

  beforeAll(async () => {
    stride = await startStride(ADMIN);
    context = await launchWithExtension([]);
    const id = await extensionId(context);
    page = await signInOnOptionsPage(context, id, stride.url, ADMIN.email, ADMIN.password);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  afterAll(async () => {
    await context?.close();
    await stride?.stop();
  });

  it('admin: links a sandbox mailbox from the Mailboxes screen', async () => {
    await openScreen(page, 'Mailboxes');
    await page.getByRole('button', { name: 'Link a mailbox' }).waitFor();
    await audit('Mailboxes, none linked');
    await page.getByRole('button', { name: 'Link a mailbox' }).click();
    const dialog = page.getByRole('dialog', { name: 'Link a mailbox' });
    await dialog.getByText('Sandbox (testing)').click();
    await dialog.getByLabel('Email address').fill(ADMIN.email);
    await dialog.getByLabel('Sender name').fill('Dana Admin');
    // Ten first emails go out at once on the first day, not six an hour.
    await dialog.getByLabel('Emails per day').fill('500');
    await dialog.getByLabel('Emails per hour').fill('200');
    await audit('Link a mailbox dialog');
    await dialog.getByRole('button', { name: 'Link mailbox' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    const card = page.locator(`[data-console-mailbox="${ADMIN.email}"]`);
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('active');
    await audit('Mailboxes, one linked');
  });

  it('admin: builds a 3-step sequence (email, call, follow-up), schedules it and activates it', async () => {
    await openScreen(page, 'Sequences');
    await page.getByText('No sequences yet').waitFor();
    await audit('Sequences, none yet');
    await page.getByRole('button', { name: 'New sequence' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill(SEQUENCE);
    await page.keyboard.press('Enter');

    // The body is found by its label and typed into, so a textarea or a rich-text editor both do.
    const typeBody = async (step: Locator, text: string) => {
      await step.getByLabel('Body', { exact: true }).click();
      await page.keyboard.type(text);
    };
    const step1 = page.getByRole('region', { name: 'Step 1' });
    await step1.getByRole('combobox', { name: 'Subject' }).fill('Meetings at {{company | "your team"}}');
    await typeBody(step1, 'Hi {{firstName | "there"}}, how does {{company}} book its meetings today?');
    await page.getByRole('button', { name: '+ Add step' }).click();
    const step2 = page.getByRole('region', { name: 'Step 2' });
    await step2.getByLabel('Type').selectOption('call');
    await step2.getByRole('spinbutton', { name: 'Wait' }).fill('0');
    await step2
      .getByRole('combobox', { name: 'Call notes and talking points' })
      .fill('Ask whether the first email reached the right person.');
    await page.getByRole('button', { name: '+ Add step' }).click();
    const step3 = page.getByRole('region', { name: 'Step 3' });
    await typeBody(step3, 'Just following up, {{firstName | "there"}}.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('All changes saved').waitFor();
    await audit('Sequence steps');

    await page.getByRole('tab', { name: 'Schedule' }).click();
    await page.getByLabel('Time zone of the schedule').selectOption('UTC');
    await page.getByLabel("Send in each contact's own time zone when it is known").uncheck();
    const window1 = page.getByRole('group', { name: 'Window 1' });
    for (const day of ['Sat', 'Sun']) await window1.getByLabel(day).check();
    await window1.getByLabel('From').fill('00:00');
    await window1.getByLabel('until').fill('24:00');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('All changes saved').waitFor();
    await audit('Sequence schedule');
    await page.getByRole('button', { name: 'Activate', exact: true }).click();
    await page.getByRole('button', { name: 'Deactivate', exact: true }).waitFor();
    await audit('Sequence, active');

    const saved = (await stride.api.get<{ items: any[] }>('/api/sequences')).items[0];
    expect(saved.active).toBe(true);
    expect(saved.steps.map((s: any) => [s.type, s.waitMinutes])).toEqual([
      ['auto_email', 0],
      ['call', 0],
      ['auto_email', 3 * 24 * 60],
    ]);
    expect(saved.steps[0].body).toContain('{{company}}');
    expect(saved.steps[2].body).toContain('Just following up');
  });

  it('imports 50 contacts; "Enroll these 50" checks first, warning in words about the missing variable', async () => {
    await openScreen(page, 'Import');
    await audit('Import, no file yet');
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'day-one.csv', mimeType: 'text/csv', buffer: Buffer.from(firstDayCsv()) });
    await page.getByRole('button', { name: 'Import 50 rows' }).click();
    await page.getByText('Import finished.').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('status').filter({ hasText: 'Import finished' }).innerText()).toContain(
      '50 contacts created',
    );
    await audit('Import, finished');

    const enrollAll = page.getByRole('button', { name: 'Enroll these 50 contacts' });
    await enrollAll.click();
    const dialog = page.getByRole('dialog', { name: 'Enroll 50 contacts' });
    await dialog.getByLabel('Sequence').selectOption({ label: SEQUENCE });
    await dialog.getByRole('button', { name: 'Check before enrolling' }).click();
    await dialog.locator('[data-console-enroll-check]').waitFor({ timeout: 15_000 });
    expect(await dialog.locator('[data-console-enroll-check] [role="status"]').innerText()).toContain(
      `47 contacts ready to enroll in ${SEQUENCE}.`,
    );
    const warning = dialog.locator('[data-console-enroll-warning="missing_dynamic_variable"]');
    expect(await warning.innerText()).toContain('Missing variable (3)');
    expect(await warning.innerText()).toContain('uses a variable this contact has no value for');
    expect(await warning.innerText()).toContain('Hana1 Hot: no company');
    expect(await dialog.locator('[data-console-enroll-preview] .c-preview-card').count()).toBeGreaterThan(0);
    await audit('Enroll dialog, checked');
    // The admin starts with the ten hot leads instead: nothing was enrolled by the check.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectFocus(enrollAll);
    expect((await stride.api.get<{ items: unknown[] }>('/api/enrollments')).items).toEqual([]);
  });

  it('enrolls the 10 hot leads from the Contacts screen, the 3 without a company with their warning', async () => {
    await openScreen(page, 'Contacts');
    await page.getByLabel('Stage', { exact: true }).fill('Hot');
    const rows = page.locator('[data-console-contact]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(10);
    await settled(page, 'contacts');
    await audit('Contacts, filtered by stage');
    await page.getByRole('checkbox', { name: 'Select every contact on this page' }).check();
    await page.getByRole('button', { name: 'Enroll in a sequence' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enroll 10 contacts' });
    await dialog.getByLabel('Sequence').selectOption({ label: SEQUENCE });
    await dialog.getByRole('button', { name: 'Check before enrolling' }).click();
    const warning = dialog.locator('[data-console-enroll-warning="missing_dynamic_variable"]');
    await warning.waitFor({ timeout: 15_000 });
    expect(await warning.innerText()).toContain('Missing variable (3)');
    expect(await warning.innerText()).toContain('otherwise that email will not be sent');
    await dialog.getByRole('button', { name: 'Enroll 7 contacts' }).waitFor();
    await dialog.getByRole('button', { name: 'Enroll with warnings too (3)' }).click();
    await dialog.locator('[data-console-enroll-outcome]').waitFor({ timeout: 15_000 });
    expect(await dialog.locator('[data-console-enroll-outcome] [role="status"]').innerText()).toBe(
      '10 contacts enrolled.',
    );
    await audit('Enroll dialog, done');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page
      .locator('[data-console-outcome]', { hasText: `10 contacts enrolled in ${SEQUENCE}.` })
      .waitFor();
  });

  it('opens a held contact from its email row, fixes the contact (a bad value named beside its field)', async () => {
    // The scheduler sends the seven complete emails and holds the three with no company.
    await expect
      .poll(
        async () =>
          (await stride.api.get<{ items: Email[] }>('/api/emails?limit=100')).items
            .map((e) => `${e.status}:${e.reason ?? ''}`)
            .sort(),
        { timeout: 30_000 },
      )
      .toEqual([...Array(3).fill('not_sent:missing_dynamic_variable'), ...Array(7).fill('sent:')]);

    await openScreen(page, 'Emails');
    await page.getByRole('button', { name: 'Not sent', exact: true }).click();
    await settled(page, 'emails');
    const row = page.locator('[data-console-email="hot1@day.test"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('Missing dynamic variable.');
    expect(await row.innerText()).toContain('Fill in the field on the contact');
    expect(await row.innerText()).not.toMatch(/missing_dynamic_variable|not_sent/);
    await audit('Emails, not sent');

    await row.getByRole('link', { name: 'Hana1 Hot' }).click();
    await page.locator('[data-console-screen="contact"]').waitFor();
    const form = page.getByRole('form', { name: 'Contact details' });
    await audit('Contact page');
    const country = form.getByLabel('Country');
    await form.getByLabel('Company', { exact: true }).fill('Hana Works');
    await country.fill('Atlantis');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => country.getAttribute('aria-invalid')).toBe('true');
    const errorId = ((await country.getAttribute('aria-describedby')) ?? '').split(' ').at(-1) ?? '';
    expect(await page.locator(`[id="${errorId}"]`).innerText()).not.toBe('');
    await form.getByText('Nothing was saved; your edits are still here.').waitFor();
    await audit('Contact page, a field in error');
    await country.fill('DE');
    const save = form.getByRole('button', { name: 'Save changes' });
    await save.click();
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    // The form stays as it was after its own save: the rep's focus is still on Save.
    await expectFocus(save);
    expect(await country.getAttribute('aria-invalid')).toBeNull();
    const saved = await stride.api.get<{ items: any[] }>('/api/contacts?email=hot1%40day.test');
    expect(saved.items[0]).toMatchObject({ company: 'Hana Works', country: 'DE' });

    const timeline = page.locator('[data-console-timeline]');
    await page.getByRole('heading', { name: 'What happened' }).waitFor();
    await timeline.locator('[data-console-timeline-kind]').first().waitFor({ timeout: 15_000 });
    await audit('Contact page, saved, with its timeline');
  });

  it('retries the fixed email, and its row turns to sent without a reload (live feed)', async () => {
    await openScreen(page, 'Emails');
    await settled(page, 'emails');
    const row = page.locator('[data-console-email="hot1@day.test"]');
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('not_sent');
    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Retry undelivered (1)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Retry 1 undelivered email' });
    await audit('Retry dialog');
    await dialog.getByRole('button', { name: 'Retry', exact: true }).click();
    await page.locator('[data-console-outcome]', { hasText: '1 email queued again.' }).waitFor();
    // No reload and no Refresh: the console follows the server's change feed.
    await page
      .locator('[data-console-email="hot1@day.test"][data-status="sent"]')
      .waitFor({ timeout: 45_000 });
    expect((await emailsOf('hot1@day.test')).map((e) => e.status)).toEqual(['sent']);
    await audit('Emails, after the retry');
  });

  it('works the task queue by keyboard only: j/k move, s skips, z snoozes, c completes, ? lists them', async () => {
    await openScreen(page, 'Tasks');
    const tasks = page.locator('tbody [data-console-task="call"]');
    // Every contact whose first email went out (8) has the call that follows it.
    await expect.poll(() => tasks.count(), { timeout: 45_000 }).toBe(8);
    await settled(page, 'tasks');
    await audit('Tasks');
    // The shortcuts answer from anywhere on the screen but a field (focus is on the Tasks link now).
    await page.keyboard.press('j');
    await expectFocus(tasks.nth(1));
    expect(await tasks.nth(1).getAttribute('aria-current')).toBe('true');
    await page.keyboard.press('k');
    await expectFocus(tasks.nth(0));
    await page.keyboard.press('s');
    await expectFocus(tasks.nth(1));

    const snoozedEmail = (await tasks.nth(1).locator('.s-muted').first().innerText()).trim();
    await page.keyboard.press('z');
    // z asks until when (later today is first); the dialog's Snooze sends it to the server.
    const snoozeDialog = page.getByRole('dialog');
    await snoozeDialog.waitFor();
    await tabTo(page, snoozeDialog.getByRole('button', { name: 'Snooze', exact: true }));
    await page.keyboard.press('Enter');
    await page.locator('[data-console-outcome]', { hasText: /snoozed/i }).waitFor();
    await expect.poll(() => tasks.count()).toBe(7);
    expect(await page.locator('tbody').innerText()).not.toContain(snoozedEmail);

    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await audit('Task dialog');
    await page.keyboard.type('Reached them; demo next week.');
    await tabTo(page, dialog.getByRole('button', { name: 'Mark done' }));
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    await page.locator('[data-console-outcome]', { hasText: /^Call with .+ done\.\s*$/ }).waitFor();
    await expect
      .poll(async () => (await stride.api.get<{ items: Task[] }>('/api/tasks?status=completed')).items.length)
      .toBe(1);

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts: Tasks' });
    await help.waitFor();
    const keys = await help.locator('kbd').allInnerTexts();
    for (const k of ['?', 'j', 'k', 'c', 's', 'z']) expect(keys).toContain(k);
    await audit('Keyboard shortcuts list');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  it('keyboard only: enrolls one more contact from the Contacts screen, announced, focus back on Enroll', async () => {
    // g then c: to the Contacts screen; / to its search.
    await page.keyboard.press('g');
    await page.keyboard.press('c');
    await page.getByRole('heading', { level: 2, name: 'Contacts', exact: true }).waitFor();
    await settled(page, 'contacts');
    await page.keyboard.press('/');
    await page.keyboard.type('cold11@');
    const rows = page.locator('[data-console-contact]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    await tabTo(page, page.getByRole('checkbox', { name: 'Select cold11@day.test' }));
    await page.keyboard.press('Space');
    const enroll = page.getByRole('button', { name: 'Enroll in a sequence' });
    await tabTo(page, enroll, { back: true });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Enroll 1 contact' });
    await expectFocus(dialog.getByLabel('Sequence'));
    await page.keyboard.press('ArrowDown');
    expect(await dialog.getByLabel('Sequence').inputValue()).not.toBe('');
    await tabTo(page, dialog.getByRole('button', { name: 'Check before enrolling' }));
    await page.keyboard.press('Enter');
    const go = dialog.getByRole('button', { name: 'Enroll 1 contact' });
    await tabTo(page, go);
    await page.keyboard.press('Enter');
    await dialog
      .locator('[data-console-enroll-outcome] [role="status"]', { hasText: '1 contact enrolled.' })
      .waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expectFocus(enroll);
    await page
      .locator('[data-console-outcome][role="status"]', { hasText: `1 contact enrolled in ${SEQUENCE}.` })
      .waitFor();
  });

  it('keyboard only: pauses that contact in the sequence, announced, focus back on Pause', async () => {
    await page.keyboard.press('g');
    await page.keyboard.press('s');
    await page.getByRole('heading', { level: 2, name: 'Sequences', exact: true }).waitFor();
    await tabTo(page, page.getByRole('button', { name: SEQUENCE, exact: true }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('tab', { selected: true }));
    const contactsTab = page.getByRole('tab', { name: 'Contacts' });
    for (let i = 0; i < 8 && !(await isFocused(contactsTab)); i++) await page.keyboard.press('ArrowRight');
    await expectFocus(contactsTab);
    await settled(page, 'sequence-contacts');
    await tabTo(page, page.getByRole('searchbox', { name: 'Search contacts by name or email' }));
    await page.keyboard.type('cold11');
    const rows = page.locator('[data-console-enrollment]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    await tabTo(page, page.getByRole('checkbox', { name: 'Select Colm11 Cold' }));
    await page.keyboard.press('Space');
    const pause = page.getByRole('button', { name: /^Pause( \(\d+\))?$/ });
    await tabTo(page, pause, { back: true });
    expect(await pause.innerText()).toBe('Pause (1)');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Pause 1 contact' });
    await dialog.waitFor();
    await audit('Pause dialog');
    // Enter in the dialog's field submits it.
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    await page.locator('[data-console-outcome][role="status"]', { hasText: /paused/i }).waitFor();
    await expectFocus(pause);
    const id = await contactId('cold11@day.test');
    await expect
      .poll(
        async () =>
          (await stride.api.get<{ items: any[] }>(`/api/enrollments?contactId=${id}`)).items[0]?.status,
      )
      .toBe('paused');
    await audit('Sequence contacts, after a pause');
  });

  it('keyboard only: retries a held email from the Emails screen, announced, focus back on Retry', async () => {
    // Back up to the page's navigation and follow its Emails link (Enter), as a keyboard user would.
    await tabTo(page, page.getByRole('navigation').getByRole('link', { name: 'Emails', exact: true }), {
      back: true,
    });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Emails', exact: true }).waitFor();
    await settled(page, 'emails');
    await tabTo(page, page.getByRole('checkbox', { name: 'Select email to Hana2 Hot' }));
    await page.keyboard.press('Space');
    const retry = page.getByRole('button', { name: /^Retry undelivered/ });
    await tabTo(page, retry, { back: true });
    expect(await retry.innerText()).toBe('Retry undelivered (1)');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Retry 1 undelivered email' });
    await dialog.waitFor();
    // Hana2 still has no company: the dialog says the email will be held again, before anything is done.
    expect(await dialog.locator('[data-console-retry-forecast]').innerText()).toContain('will be held again');
    await tabTo(page, dialog.getByRole('button', { name: 'Retry', exact: true }));
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    await page
      .locator('[data-console-outcome][role="status"]', { hasText: '1 email queued again.' })
      .waitFor();
    await expectFocus(retry);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MailCompose } from '../../extension/hosts/mail-host';
import { createOutlookHost } from '../../extension/hosts/outlook/outlook-host';
import { loadOwa, OUTLOOK_FIXTURE, type OwaPage, settle } from './helpers/outlook-page';

/** The project's Outlook-shaped compose form with OWA's German labels (no real compose capture exists). */
const german = OUTLOOK_FIXTURE.replace("well('To'), well('Cc')", "well('An'), well('Cc')")
  .replace(
    `form.querySelector('[role="textbox"][aria-label="To"]')`,
    `form.querySelector('[role="textbox"][aria-label="An"]')`,
  )
  .replace(
    "'aria-label': 'Send', title: 'Send (Ctrl+Enter)'",
    "'aria-label': 'Senden', title: 'Senden (Strg+Eingabe)'",
  )
  .replace(
    "'aria-label': 'Add a subject', placeholder: 'Add a subject'",
    "'aria-label': 'Betreff hinzufügen', placeholder: 'Betreff hinzufügen'",
  )
  .replace(
    "'aria-label': 'Message body', contenteditable",
    "'aria-label': 'Nachrichtentext', contenteditable",
  );

let page: OwaPage;
afterEach(() => page?.dom.window.close());

describe('Outlook compose in German', () => {
  it('finds the form, reads recipients and subject, and holds Senden and Ctrl+Enter', async () => {
    expect(german).toContain("well('An')");
    page = loadOwa(german);
    const host = createOutlookHost(page.doc, 'rep@example.test');
    let compose: MailCompose | undefined;
    host.onComposeOpened((c) => {
      compose = c;
      return undefined;
    });
    page.doc.querySelector<HTMLElement>('[aria-label="New mail"]')?.click();
    await settle();
    if (!compose) throw new Error('the German compose form was not found');

    const box = page.doc.querySelector<HTMLElement>('[role="textbox"][aria-label="An"]');
    if (!box) throw new Error('no An box');
    box.textContent = 'Dana@Acme.test';
    box.dispatchEvent(
      new page.win.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }),
    );
    await settle();
    expect(compose.getRecipients()).toEqual(['dana@acme.test']);
    page.doc.querySelector<HTMLInputElement>('[aria-label="Betreff hinzufügen"]')!.value = 'Angebot';
    expect(compose.getSubject()).toBe('Angebot');

    const hook = vi.fn((): boolean | 'hold' => 'hold');
    compose.onPresend(hook);
    page.doc.querySelector<HTMLElement>('button[aria-label="Senden"]')?.click();
    const chord = new page.win.KeyboardEvent('keydown', {
      key: 'Enter',
      ctrlKey: true,
      bubbles: true,
      cancelable: true,
    });
    page.doc.querySelector('[aria-label="Nachrichtentext"][contenteditable="true"]')?.dispatchEvent(chord);
    expect(hook).toHaveBeenCalledTimes(2);
    expect(chord.defaultPrevented).toBe(true);
    expect(page.win.__owa.sent).toEqual([]);
    compose.send();
    expect(page.win.__owa.sent).toEqual([{ to: ['Dana@Acme.test'], subject: 'Angebot', body: '' }]);
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';

export const OUTLOOK_FIXTURE = readFileSync(resolve('test/fixtures/outlook/mail.html'), 'utf8');

export interface OwaPage {
  dom: JSDOM;
  doc: Document;
  win: Window &
    typeof globalThis & {
      __owa: { sent: Array<{ to: string[] }>; receive(id: string, m: unknown): void; newMail(): void };
    };
}

/** The Outlook-shaped fixture with its own script running, as the browser would run it. */
export function loadOwa(html = OUTLOOK_FIXTURE): OwaPage {
  const dom = new JSDOM(html, {
    runScripts: 'dangerously',
    url: 'https://outlook.office.com/mail/inbox',
    pretendToBeVisual: true,
  });
  const win = dom.window as unknown as OwaPage['win'];
  return { dom, doc: dom.window.document, win };
}

/** MutationObserver callbacks run as microtasks; this lets them (and the fixture's) finish. */
export const settle = () => new Promise((r) => setTimeout(r, 0));

export function click(page: OwaPage, selector: string) {
  const el = page.doc.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`no element for ${selector}`);
  el.click();
}

/** Types an address into a recipient box and commits it the way OWA does, with Enter. */
export function addRecipient(page: OwaPage, field: 'To' | 'Cc', address: string) {
  const box = page.doc.querySelector<HTMLElement>(`[role="textbox"][aria-label="${field}"]`);
  if (!box) throw new Error(`no ${field} box`);
  box.textContent = address;
  box.dispatchEvent(new page.win.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
}

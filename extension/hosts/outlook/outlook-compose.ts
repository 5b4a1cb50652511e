import { findAddress } from '../../lib/addresses';
import type { Cleanup, MailCompose, PresendDecision } from '../mail-host';
import { floatingStyle } from './floating';
import { closestPart, findPart, findParts, OWA_PARTS } from './selectors';

/** The compose form around a To box: the nearest ancestor that also holds a Send button. */
export function composeRootOf(toBox: Element): HTMLElement | undefined {
  let el = toBox.parentElement;
  while (el && !findPart(el, OWA_PARTS.sendButton)) el = el.parentElement;
  return el ?? undefined;
}

const PERSONA = OWA_PARTS.persona.structure.join(', ');

function readRecipients(root: HTMLElement): string[] {
  const out: string[] = [];
  const boxes = [
    ...findParts(root, OWA_PARTS.composeRecipientBox),
    ...findParts(root, OWA_PARTS.composeCcBox),
    ...findParts(root, OWA_PARTS.composeBccBox),
  ];
  for (const box of boxes) {
    // The "well" around the box holds the resolved recipients as persona chips.
    const well = box.closest('[role="list"], [role="listbox"]') ?? box.parentElement;
    if (!well) continue;
    for (const chip of well.querySelectorAll(PERSONA)) {
      if (chip === box || chip.closest('button')) continue;
      const address = findAddress(chip.getAttribute('title')) ?? findAddress(chip.getAttribute('aria-label'));
      if (address && !out.includes(address)) out.push(address);
    }
  }
  return out;
}

export function outlookCompose(root: HTMLElement): MailCompose {
  const doc = root.ownerDocument;
  const win = doc.defaultView;
  if (!win) throw new Error('outlookCompose: the document has no window');
  let resending = false;
  const sendButton = () => findPart(root, OWA_PARTS.sendButton) as HTMLButtonElement | undefined;
  return {
    getRecipients: () => readRecipients(root),
    onRecipientsChanged(cb): Cleanup {
      let last = readRecipients(root).join(',');
      const observer = new win.MutationObserver(() => {
        const now = readRecipients(root);
        if (now.join(',') === last) return;
        last = now.join(',');
        cb(now);
      });
      observer.observe(root, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['title'],
      });
      return () => observer.disconnect();
    },
    getSubject: () => (findPart(root, OWA_PARTS.composeSubject) as HTMLInputElement | undefined)?.value ?? '',
    getBody: () => {
      const body = findPart(root, OWA_PARTS.composeBody);
      // innerText keeps the line breaks the rep typed
      return (body?.innerText ?? body?.textContent ?? '').trim();
    },
    mountBar(el): Cleanup {
      const button = sendButton();
      const footer = (button && closestPart(button, OWA_PARTS.toolbar)) ?? button?.parentElement;
      if (footer?.parentElement) {
        el.dataset.strideDock = 'docked';
        footer.parentElement.insertBefore(el, footer);
      } else {
        el.dataset.strideDock = 'floating';
        Object.assign(el.style, floatingStyle('bottom'));
        doc.body.append(el);
      }
      return () => el.remove();
    },
    onPresend(hook: () => PresendDecision): Cleanup {
      // Listen at the window in the capture phase so we decide before OWA's own handlers run.
      const guard = (event: Event) => {
        if (resending) {
          resending = false;
          return;
        }
        if (hook() === true) return;
        event.preventDefault();
        event.stopImmediatePropagation();
      };
      const onClick = (event: MouseEvent) => {
        const button = sendButton();
        if (button && event.target instanceof win.Node && button.contains(event.target)) guard(event);
      };
      const onKey = (event: KeyboardEvent) => {
        const isSendChord = event.key === 'Enter' && (event.ctrlKey || event.metaKey);
        if (isSendChord && event.target instanceof win.Node && root.contains(event.target)) guard(event);
      };
      win.addEventListener('click', onClick, true);
      win.addEventListener('keydown', onKey, true);
      return () => {
        win.removeEventListener('click', onClick, true);
        win.removeEventListener('keydown', onKey, true);
      };
    },
    send() {
      const button = sendButton();
      if (!button || !root.isConnected) return;
      resending = true;
      button.click();
      // If OWA ignored the click, the flag must not let a later, unchecked send through.
      resending = false;
    },
  };
}

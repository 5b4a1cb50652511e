import { findAddress } from '../../lib/addresses';
import { findParts, OWA_PARTS } from './selectors';

/**
 * The signed-in address, from the places OWA shows it (OWA_PARTS.userMailbox, in order): the account
 * manager ("MeControl") flyout, the folder pane's mailbox node, the account manager button's label
 * (some tenants include the address), then the window title.
 */
export function detectOutlookUser(doc: Document): string | undefined {
  for (const el of findParts(doc, OWA_PARTS.userMailbox)) {
    {
      const found =
        findAddress(el.getAttribute('title')) ??
        findAddress(el.getAttribute('aria-label')) ??
        findAddress(el.getAttribute('data-folder-name')) ??
        findAddress(el.id.startsWith('mectrl_') ? el.textContent : undefined);
      if (found) return found;
    }
  }
  return findAddress(doc.title);
}

/** Resolves once OWA has rendered the user somewhere (it boots in stages); undefined after `timeoutMs`. */
export function waitForOutlookUser(doc: Document, timeoutMs = 60_000): Promise<string | undefined> {
  const now = detectOutlookUser(doc);
  if (now) return Promise.resolve(now);
  const win = doc.defaultView;
  if (!win) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const observer = new win.MutationObserver(() => {
      const found = detectOutlookUser(doc);
      if (found) finish(found);
    });
    const timer = win.setTimeout(() => finish(undefined), timeoutMs);
    function finish(address: string | undefined) {
      observer.disconnect();
      win?.clearTimeout(timer);
      resolve(address);
    }
    observer.observe(doc, { childList: true, subtree: true, characterData: true, attributes: true });
  });
}

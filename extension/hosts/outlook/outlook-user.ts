import { findAddress } from '../../lib/addresses';

/**
 * The signed-in address, from the places OWA shows it: the account manager ("MeControl") flyout,
 * the account manager button's label (some tenants include the address), the folder pane's mailbox
 * node, then the window title.
 */
export function detectOutlookUser(doc: Document): string | undefined {
  const fromFlyout = findAddress(doc.getElementById('mectrl_currentAccount_secondary')?.textContent);
  if (fromFlyout) return fromFlyout;
  for (const el of doc.querySelectorAll('[aria-label^="Account manager"]')) {
    const found = findAddress(el.getAttribute('aria-label'));
    if (found) return found;
  }
  for (const el of doc.querySelectorAll('[role="tree"] [role="treeitem"][aria-level="1"]')) {
    const found = findAddress(el.getAttribute('title')) ?? findAddress(el.getAttribute('aria-label'));
    if (found) return found;
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

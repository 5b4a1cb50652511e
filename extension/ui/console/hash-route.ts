import { useCallback, useEffect, useState } from 'react';

/*
 * The console keeps where the rep is in the URL hash, `#screen/part/part`, so a reload or a shared
 * link opens the same sequence and tab. The first part picks the screen (options-shell.tsx); each
 * screen reads and writes the parts after it.
 */

export function hashParts(hash: string = window.location.hash): string[] {
  return hash
    .replace(/^#/, '')
    .split('/')
    .filter((p) => p !== '')
    .map((p) => decodeURIComponent(p));
}

export const hashOf = (parts: readonly string[]) => `#${parts.map((p) => encodeURIComponent(p)).join('/')}`;

/**
 * Go to `parts` under the screen. `replace` rewrites the current entry without an event (a tab switch
 * is not worth a Back press); otherwise it is a new history entry that Back returns from.
 */
export type HashNavigate = (parts: readonly string[], opts?: { replace?: boolean }) => void;

/** The parts of the hash after `screen`, kept current as Back, Forward and links change it. */
export function useHashRoute(screen: string): [string[], HashNavigate] {
  const read = useCallback(() => {
    const [first, ...rest] = hashParts();
    return first === screen ? rest : [];
  }, [screen]);
  const [parts, setParts] = useState(read);
  useEffect(() => {
    const onHash = () => setParts(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [read]);
  const navigate = useCallback<HashNavigate>(
    (next, opts) => {
      const hash = hashOf([screen, ...next]);
      if (hash === window.location.hash) return;
      if (opts?.replace) {
        window.history.replaceState(window.history.state, '', hash);
        setParts([...next]);
      } else {
        window.location.hash = hash;
      }
    },
    [screen],
  );
  return [parts, navigate];
}

const askBrowser = (question: string) => window.confirm(question);

/**
 * While `dirty`, leaving asks first: a reload or closing the tab gets the browser's own prompt, and a
 * change of hash (Back, a link to another screen) is confirmed and, when refused, undone before the
 * page acts on it (a capturing listener on window runs before the shell's).
 */
export function useLeaveGuard(
  dirty: boolean,
  question: string,
  confirm: (q: string) => boolean = askBrowser,
) {
  useEffect(() => {
    if (!dirty) return;
    const onUnload = (ev: BeforeUnloadEvent) => {
      ev.preventDefault();
      // Older Chromium shows the prompt only when returnValue is set.
      ev.returnValue = '';
    };
    const onHash = (ev: HashChangeEvent) => {
      if (confirm(question)) return;
      ev.stopImmediatePropagation();
      window.history.replaceState(window.history.state, '', new URL(ev.oldURL).hash);
    };
    window.addEventListener('beforeunload', onUnload);
    window.addEventListener('hashchange', onHash, { capture: true });
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      window.removeEventListener('hashchange', onHash, { capture: true });
    };
  }, [dirty, question, confirm]);
}

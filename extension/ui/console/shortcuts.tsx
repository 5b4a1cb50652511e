import { useEffect, useRef, useState } from 'react';
import { Dialog } from './ui/dialog';

/*
 * Keyboard shortcuts for the console. A shortcut never fires while the rep types in a field, with a
 * modifier held (the browser's own shortcuts), or while a dialog is open (its keys are its own).
 */

export interface Shortcut {
  /** One key as KeyboardEvent.key reports it ("j", "?", "/"), or "g then s" as ["g", "s"]. */
  keys: string | readonly [string, string];
  /** What it does, in words, for the `?` list. */
  label: string;
  run(): void;
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

const isControl = (target: EventTarget | null) =>
  target instanceof Element && !!target.closest('a[href], button, summary, [role="button"]');

const inDialog = (target: EventTarget | null) =>
  target instanceof Element && !!target.closest('[role="dialog"], [role="alertdialog"]');

/** Listens on the document while mounted; the latest `shortcuts` always run (no stale closures). */
export function useShortcuts(shortcuts: readonly Shortcut[], enabled = true): void {
  const current = useRef(shortcuts);
  current.current = shortcuts;
  useEffect(() => {
    if (!enabled) return;
    let pending: { key: string; at: number } | null = null;
    const onKey = (ev: KeyboardEvent) => {
      if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      if (isTypingTarget(ev.target) || inDialog(ev.target) || document.querySelector('[aria-modal="true"]'))
        return;
      // Enter on a link or button is that control's own (activating it), never a screen's shortcut.
      if (ev.key === 'Enter' && isControl(ev.target)) return;
      const now = Date.now();
      const first = pending && now - pending.at < 1500 ? pending.key : null;
      pending = null;
      for (const s of current.current) {
        const match =
          typeof s.keys === 'string'
            ? !first && s.keys === ev.key
            : first === s.keys[0] && ev.key === s.keys[1];
        if (match) {
          ev.preventDefault();
          s.run();
          return;
        }
      }
      if (current.current.some((s) => typeof s.keys !== 'string' && s.keys[0] === ev.key))
        pending = { key: ev.key, at: now };
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}

export const keysInWords = (keys: Shortcut['keys']) =>
  typeof keys === 'string' ? keys : `${keys[0]} then ${keys[1]}`;

/** Every screen's shortcuts plus `?`, which lists them in a dialog. */
export function ShortcutHelp(props: { title: string; shortcuts: readonly Shortcut[] }) {
  const [open, setOpen] = useState(false);
  useShortcuts([
    { keys: '?', label: 'Show keyboard shortcuts', run: () => setOpen(true) },
    ...props.shortcuts,
  ]);
  return (
    <>
      <button type="button" className="s-btn s-small" onClick={() => setOpen(true)} data-console-shortcuts="">
        Keyboard shortcuts (?)
      </button>
      {open && (
        <Dialog title={`Keyboard shortcuts: ${props.title}`} onClose={() => setOpen(false)}>
          <table className="c-table" aria-label="Keyboard shortcuts">
            <thead>
              <tr>
                <th>Key</th>
                <th>Does</th>
              </tr>
            </thead>
            <tbody>
              {[{ keys: '?', label: 'Show this list' } as const, ...props.shortcuts].map((s) => (
                <tr key={keysInWords(s.keys)}>
                  <td>
                    <kbd>{keysInWords(s.keys)}</kbd>
                  </td>
                  <td>{s.label}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="s-small s-muted">Shortcuts do nothing while you type in a field.</p>
        </Dialog>
      )}
    </>
  );
}

/** "g then …" to go to each console screen, shared by every screen's list. */
export const goToShortcuts: readonly Shortcut[] = [
  ['s', 'sequences', 'Sequences'],
  ['c', 'contacts', 'Contacts'],
  ['e', 'emails', 'Emails'],
  ['t', 'tasks', 'Tasks'],
  ['i', 'import', 'Import'],
  ['m', 'mailboxes', 'Mailboxes'],
].map(([key, hash, title]) => ({
  keys: ['g', key as string] as const,
  label: `Go to ${title}`,
  run: () => {
    window.location.hash = `#${hash}`;
  },
}));

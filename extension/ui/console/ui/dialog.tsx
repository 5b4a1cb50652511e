import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  children: ReactNode;
  /** Escape and the Cancel button call this. */
  onClose(): void;
  /** The dialog is a form: Enter in a field submits it. */
  onSubmit?(): void;
  submitLabel?: string;
  submitDisabled?: boolean;
  busy?: boolean;
  danger?: boolean;
  /** Extra buttons left of Cancel (e.g. "Enroll anyway"). */
  extraActions?: ReactNode;
  wide?: boolean;
}

/** A modal dialog: focus moves in and is kept inside, Escape closes, focus returns where it was. */
export function Dialog(props: DialogProps) {
  const { title, children, onClose, onSubmit, submitLabel = 'Save', submitDisabled, busy } = props;
  const titleId = useId();
  const box = useRef<HTMLFormElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first =
      box.current?.querySelector<HTMLElement>('[data-autofocus]') ??
      box.current?.querySelector<HTMLElement>(
        'input:not([disabled]), select, textarea, button[type="submit"]',
      ) ??
      // A dialog with nothing to fill in (the `?` shortcut list) still takes focus, so Escape closes it.
      box.current?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => before?.focus?.();
  }, []);

  // A control that goes away as the dialog moves on (a check's submit becoming the outcome) drops focus
  // to the page, where Tab and Escape no longer reach the dialog; bring it back to the first control.
  useEffect(() => {
    const active = document.activeElement;
    if (active && active !== document.body) return;
    box.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  });

  const onKeyDown = (ev: KeyboardEvent) => {
    if (ev.key === 'Escape') {
      ev.stopPropagation();
      closeRef.current();
      return;
    }
    if (ev.key !== 'Tab' || !box.current) return;
    const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (ev.shiftKey && document.activeElement === first) {
      ev.preventDefault();
      last.focus();
    } else if (!ev.shiftKey && document.activeElement === last) {
      ev.preventDefault();
      first.focus();
    }
  };

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!submitDisabled && !busy) onSubmit?.();
  };

  return (
    // No close on a backdrop click: a stray click must not throw away what the rep typed.
    <div className="c-backdrop">
      <form
        ref={box}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="c-dialog"
        data-wide={props.wide ? '' : undefined}
        onKeyDown={onKeyDown}
        onSubmit={submit}
        noValidate
      >
        <h3 id={titleId} className="c-dialog-title">
          {title}
        </h3>
        <div className="c-dialog-body">{children}</div>
        <div className="c-dialog-actions">
          {props.extraActions}
          <button type="button" className="s-btn" onClick={onClose}>
            {onSubmit ? 'Cancel' : 'Close'}
          </button>
          {onSubmit && (
            // Off, not disabled, so it keeps focus while it works (submit() ignores it meanwhile).
            <button
              type="submit"
              className="s-btn"
              data-primary=""
              data-danger={props.danger ? '' : undefined}
              aria-disabled={submitDisabled || busy || undefined}
            >
              {busy ? 'Working…' : submitLabel}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}

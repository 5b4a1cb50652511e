import { cloneElement, type ReactElement, useId } from 'react';

interface FieldChildProps {
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** A labelled control with its hint and error wired for screen readers. */
export function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ReactElement<FieldChildProps>;
}) {
  const id = useId();
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="s-field c-field">
      <label htmlFor={id}>{props.label}</label>
      {cloneElement(props.children, {
        id,
        'aria-invalid': props.error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {props.hint && (
        <span id={`${id}-hint`} className="s-small s-muted">
          {props.hint}
        </span>
      )}
      {props.error && (
        <span id={`${id}-error`} className="c-field-error" role="alert">
          {props.error}
        </span>
      )}
    </div>
  );
}

import { useId } from 'react';

/** A labelled input of the options page's forms: the label names it for screen readers and tests. */
export function TextField(props: {
  label: string;
  type: 'url' | 'email' | 'password';
  autoComplete?: string;
  value: string;
  onChange(value: string): void;
}) {
  const id = useId();
  return (
    <div className="s-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        className="s-input"
        type={props.type}
        autoComplete={props.autoComplete}
        required
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

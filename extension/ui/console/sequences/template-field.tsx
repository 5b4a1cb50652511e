import { type KeyboardEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import type { TemplateProblem } from '../../../../shared/template/validate';
import { SuggestionList } from '../ui/suggestion-list';
import {
  applyCompletion,
  type Completion,
  type CompletionSource,
  completionAt,
  suggestionsFor,
} from './template-autocomplete';

export interface TemplateFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  multiline?: boolean;
  source: CompletionSource;
  problems: readonly TemplateProblem[];
  disabled?: boolean;
  placeholder?: string;
  onFocus?(): void;
}

type Editable = HTMLInputElement | HTMLTextAreaElement;

/**
 * A subject or body with `{{` autocomplete (variables, custom fields, snippets) and the shared
 * validator's problems under it. Arrow keys choose, Enter or Tab inserts, Escape closes the list.
 */
export function TemplateField(props: TemplateFieldProps) {
  const { label, value, onChange, multiline, source, problems } = props;
  const id = useId();
  const ref = useRef<Editable | null>(null);
  const [completion, setCompletion] = useState<Completion | null>(null);
  const [active, setActive] = useState(0);
  const pendingCaret = useRef<number | null>(null);
  const suggestions = completion ? suggestionsFor(completion.query, source) : [];
  const open = suggestions.length > 0;

  useLayoutEffect(() => {
    // Put the caret after an inserted tag once React has written the new value.
    if (pendingCaret.current === null || !ref.current) return;
    ref.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  });

  const track = (el: Editable) => {
    const next = completionAt(el.value, el.selectionStart ?? el.value.length);
    setCompletion(next);
    if (next?.query !== completion?.query) setActive(0);
  };

  const accept = (name: string) => {
    if (!completion) return;
    const applied = applyCompletion(value, completion, name);
    pendingCaret.current = applied.caret;
    setCompletion(null);
    onChange(applied.text);
  };

  const onKeyDown = (ev: KeyboardEvent<Editable>) => {
    if (!open) return;
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      const step = ev.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + suggestions.length) % suggestions.length);
    } else if (ev.key === 'Enter' || ev.key === 'Tab') {
      ev.preventDefault();
      accept(suggestions[active] ?? suggestions[0] ?? '');
    } else if (ev.key === 'Escape') {
      // Only the list closes; a dialog around the field stays open.
      ev.preventDefault();
      ev.stopPropagation();
      setCompletion(null);
    }
  };

  const common = {
    id,
    className: 's-input',
    value,
    disabled: props.disabled,
    placeholder: props.placeholder,
    role: 'combobox',
    'aria-autocomplete': 'list' as const,
    'aria-expanded': open,
    'aria-controls': `${id}-list`,
    'aria-activedescendant': open ? `${id}-opt-${active}` : undefined,
    'aria-invalid': problems.length > 0 ? true : undefined,
    'aria-describedby': problems.length > 0 ? `${id}-problems` : undefined,
    onChange: (ev: { currentTarget: Editable }) => {
      onChange(ev.currentTarget.value);
      track(ev.currentTarget);
    },
    onKeyDown,
    onClick: (ev: { currentTarget: Editable }) => track(ev.currentTarget),
    onFocus: props.onFocus,
    onBlur: () => setCompletion(null),
  };

  return (
    <div className="s-field c-field c-template">
      <label htmlFor={id}>{label}</label>
      <div style={{ position: 'relative' }}>
        {multiline ? (
          <textarea
            {...common}
            ref={(el) => {
              ref.current = el;
            }}
          />
        ) : (
          <input
            {...common}
            ref={(el) => {
              ref.current = el;
            }}
          />
        )}
        <SuggestionList
          id={id}
          label={label}
          open={open}
          suggestions={suggestions}
          active={active}
          onPick={accept}
        />
      </div>
      <span className="s-small s-muted">Type {'{{'} to insert a variable or snippet.</span>
      {problems.length > 0 && (
        <ul
          id={`${id}-problems`}
          className="c-field-problems c-field-error"
          data-console-template-problems=""
        >
          {problems.map((p) => (
            <li key={`${p.index}:${p.message}`}>
              {p.message} <span className="s-muted">(at character {p.index + 1})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { useId } from 'react';
import { Badge } from '../ui/badge';
import { RichTextEditor } from '../ui/rich-text/rich-text-editor';
import {
  newVariant,
  type StepDraft,
  type StepIssues,
  type VariantDraft,
  variantLabel,
} from './sequence-draft';
import type { CompletionSource } from './template-autocomplete';
import { TemplateField } from './template-field';

export interface VariantsEditorProps {
  stepNumber: number;
  step: StepDraft;
  issues: StepIssues;
  source: CompletionSource;
  readOnly: boolean;
  onChange(variants: VariantDraft[]): void;
  onFocus(): void;
}

/**
 * A/B versions of an email step. Each contact gets one version, fixed by who they are, in proportion
 * to the weights. Pausing a version stops new contacts from getting it: that is how a person picks
 * the winner after reading the report; nothing switches by itself.
 */
export function VariantsEditor(props: VariantsEditorProps) {
  const { step, readOnly } = props;
  const variants = step.variants ?? [];
  const ids = useId();
  const update = (i: number, patch: Partial<VariantDraft>) =>
    props.onChange(variants.map((v, j) => (j === i ? { ...v, ...patch } : v)));
  const total = variants.filter((v) => v.active).reduce((n, v) => n + (v.weight > 0 ? v.weight : 0), 0);

  if (variants.length === 0) {
    return (
      <div className="s-row" style={{ gap: 8, alignItems: 'center' }}>
        <button
          type="button"
          className="s-btn"
          disabled={readOnly}
          onClick={() => props.onChange([newVariant(step), newVariant()])}
        >
          Test two versions (A/B)
        </button>
        <span className="s-small s-muted">
          Each contact gets one version; the report compares their replies.
        </span>
      </div>
    );
  }
  return (
    <fieldset className="c-variants" aria-label={`Step ${props.stepNumber}: A/B versions`}>
      <legend className="s-small">
        <strong>A/B versions</strong>{' '}
        <span className="s-muted">
          Each contact gets one. The text above goes out only while every version is paused.
        </span>
      </legend>
      {variants.map((v, i) => {
        const problems = props.issues.variants?.[i];
        const share = v.active && total > 0 ? Math.round((v.weight / total) * 100) : 0;
        const label = variantLabel(i);
        return (
          <section key={v.key} className="c-variant" data-console-variant-editor={i} aria-label={label}>
            <div className="s-row" style={{ gap: 8, alignItems: 'center' }}>
              <strong>{label}</strong>
              {v.active ? (
                <span className="s-small s-muted">{share}% of new contacts</span>
              ) : (
                <Badge tone="warn">Paused</Badge>
              )}
              <span style={{ flex: 1 }} />
              <label className="s-small" htmlFor={`${ids}-w${i}`}>
                Weight
              </label>
              <input
                id={`${ids}-w${i}`}
                className="s-input"
                type="number"
                min={1}
                max={1000}
                step={1}
                style={{ width: 64 }}
                value={Number.isFinite(v.weight) ? v.weight : ''}
                disabled={readOnly}
                aria-invalid={problems?.weight ? true : undefined}
                onChange={(e) => update(i, { weight: e.target.valueAsNumber })}
              />
              <label className="s-small">
                <input
                  type="checkbox"
                  checked={v.active}
                  disabled={readOnly}
                  onChange={(e) => update(i, { active: e.target.checked })}
                />{' '}
                Takes new contacts
              </label>
              <button
                type="button"
                className="s-btn"
                data-danger=""
                disabled={readOnly}
                aria-label={`Remove ${label}`}
                onClick={() => props.onChange(variants.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            </div>
            {problems?.weight && <span className="c-field-error">{problems.weight}</span>}
            <TemplateField
              label={`${label} subject (empty: the step's subject)`}
              value={v.subject}
              disabled={readOnly}
              onChange={(subject) => update(i, { subject })}
              source={props.source}
              problems={problems?.subject ?? []}
              onFocus={props.onFocus}
            />
            <RichTextEditor
              label={`${label} body`}
              value={v.body}
              disabled={readOnly}
              onChange={(body) => update(i, { body })}
              source={props.source}
              problems={problems?.body ?? []}
              onFocus={props.onFocus}
            />
          </section>
        );
      })}
      <button
        type="button"
        className="s-btn"
        disabled={readOnly || variants.length >= 10}
        onClick={() => props.onChange([...variants, newVariant()])}
      >
        Add a version
      </button>
    </fieldset>
  );
}

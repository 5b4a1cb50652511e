import { useId } from 'react';
import type { StepType } from '../../../../shared/schemas/sequence';
import { formatWait } from '../format';
import { Badge } from '../ui/badge';
import { RichTextEditor } from '../ui/rich-text/rich-text-editor';
import { isEmailStep, STEP_TYPES, type StepDraft, type StepIssues } from './sequence-draft';
import type { CompletionSource } from './template-autocomplete';
import { TemplateField } from './template-field';
import { VariantsEditor } from './variants-editor';
import { WaitInput } from './wait-input';

export interface StepCardProps {
  index: number;
  step: StepDraft;
  issues: StepIssues;
  source: CompletionSource;
  readOnly: boolean;
  selected: boolean;
  /** Whether an earlier step sends email (a reply needs one). */
  hasEarlierEmail: boolean;
  count: number;
  onChange(patch: Partial<StepDraft>): void;
  onSelect(): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
  /** Saved steps switch on and off at once; new ones with the next save. */
  onToggleActive(active: boolean): void;
}

const BODY_LABEL: Record<StepType, string> = {
  auto_email: 'Body',
  manual_email: 'Body (the rep can personalise it before sending)',
  call: 'Call notes and talking points',
  linkedin: 'What to do on LinkedIn',
  task: 'Instructions',
};

export function StepCard(props: StepCardProps) {
  const { index, step, issues, readOnly } = props;
  const ids = useId();
  const email = isEmailStep(step.type);
  return (
    <section
      className="c-step"
      aria-label={`Step ${index + 1}`}
      data-inactive={step.active ? undefined : ''}
      data-console-step={index + 1}
      style={props.selected ? { borderColor: '#0b57d0' } : undefined}
      onFocusCapture={props.onSelect}
    >
      <div className="c-step-head">
        <strong>Step {index + 1}</strong>
        <span className="s-small s-muted">
          {step.waitMinutes > 0 ? `${formatWait(step.waitMinutes)} after ` : 'right after '}
          {index === 0 ? 'enrolling' : 'the previous step'}
        </span>
        {!step.active && <Badge tone="warn">Off</Badge>}
        <span className="c-grow" style={{ flex: 1 }} />
        <label className="s-small">
          <input
            type="checkbox"
            checked={step.active}
            disabled={readOnly}
            onChange={(e) => props.onToggleActive(e.target.checked)}
          />{' '}
          Active
        </label>
        <button
          type="button"
          className="s-btn"
          aria-label={`Move step ${index + 1} up`}
          disabled={readOnly || index === 0}
          onClick={() => props.onMove(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="s-btn"
          aria-label={`Move step ${index + 1} down`}
          disabled={readOnly || index === props.count - 1}
          onClick={() => props.onMove(1)}
        >
          ↓
        </button>
        <button type="button" className="s-btn" data-danger="" disabled={readOnly} onClick={props.onRemove}>
          Remove
        </button>
      </div>
      <div className="c-grid">
        <div className="s-field c-field">
          <label htmlFor={`${ids}-type`}>Type</label>
          <select
            id={`${ids}-type`}
            className="s-input"
            value={step.type}
            disabled={readOnly}
            onChange={(e) => props.onChange({ type: e.target.value as StepType })}
          >
            {STEP_TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        <WaitInput
          label="Wait"
          minutes={step.waitMinutes}
          disabled={readOnly}
          onChange={(waitMinutes) => props.onChange({ waitMinutes })}
        />
        {email && (
          <div className="s-field c-field">
            <label htmlFor={`${ids}-thread`}>Thread</label>
            <select
              id={`${ids}-thread`}
              className="s-input"
              value={step.threadMode}
              disabled={readOnly}
              aria-invalid={issues.thread ? true : undefined}
              onChange={(e) => props.onChange({ threadMode: e.target.value as StepDraft['threadMode'] })}
            >
              <option value="new_thread">Start a new thread</option>
              <option value="reply_previous" disabled={!props.hasEarlierEmail}>
                Reply to the previous email
              </option>
            </select>
            {issues.thread && <span className="c-field-error">{issues.thread}</span>}
          </div>
        )}
      </div>
      {email && (
        <TemplateField
          label="Subject"
          value={step.subject}
          disabled={readOnly}
          placeholder={
            step.threadMode === 'reply_previous'
              ? 'Re: the previous subject'
              : 'Quick question, {{firstName}}'
          }
          onChange={(subject) => props.onChange({ subject })}
          source={props.source}
          problems={issues.subject}
          onFocus={props.onSelect}
        />
      )}
      {email ? (
        <RichTextEditor
          label={BODY_LABEL[step.type]}
          value={step.body}
          disabled={readOnly}
          onChange={(body) => props.onChange({ body })}
          source={props.source}
          problems={issues.body}
          onFocus={props.onSelect}
        />
      ) : (
        // Calls and tasks are notes for the rep, never sent: plain text is enough.
        <TemplateField
          label={BODY_LABEL[step.type]}
          value={step.body}
          multiline
          disabled={readOnly}
          onChange={(body) => props.onChange({ body })}
          source={props.source}
          problems={issues.body}
          onFocus={props.onSelect}
        />
      )}
      {email && (
        <VariantsEditor
          stepNumber={index + 1}
          step={step}
          issues={issues}
          source={props.source}
          readOnly={readOnly}
          onChange={(variants) => props.onChange({ variants })}
          onFocus={props.onSelect}
        />
      )}
    </section>
  );
}

import { useState } from 'react';
import type { Contact } from '../../../../shared/schemas/contact';
import { EmptyState } from '../ui/notices';
import { LivePreview } from './live-preview';
import { isEmailStep, newStep, type StepDraft, stepIssues } from './sequence-draft';
import { StepCard } from './step-card';
import type { CompletionSource } from './template-autocomplete';

export interface StepsEditorProps {
  sequenceId?: string | undefined;
  steps: StepDraft[];
  onChange(steps: StepDraft[]): void;
  onToggleActive(step: StepDraft, active: boolean): void;
  snippets: Readonly<Record<string, string>>;
  readOnly: boolean;
}

/** The step list on the left, and on the right the focused step previewed for a real contact. */
export function StepsEditor(props: StepsEditorProps) {
  const { steps, onChange, readOnly, snippets } = props;
  const [selectedKey, setSelectedKey] = useState<string | undefined>(steps[0]?.key);
  const selectedIndex = Math.max(
    0,
    steps.findIndex((s) => s.key === selectedKey),
  );
  const selected = steps[selectedIndex];
  const [previewContact, setPreviewContact] = useState<Contact | null>(null);
  const source: CompletionSource = {
    snippets: Object.keys(snippets),
    fields: Object.keys(previewContact?.fields ?? {}),
  };

  const update = (index: number, patch: Partial<StepDraft>) =>
    onChange(steps.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const move = (index: number, delta: -1 | 1) => {
    const next = [...steps];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + delta, 0, item);
    onChange(next);
  };

  return (
    <div className="c-split">
      <div>
        {steps.length === 0 && (
          <EmptyState title="No steps yet">Add an email, call or task to start the sequence.</EmptyState>
        )}
        {steps.map((step, i) => (
          <StepCard
            key={step.key}
            index={i}
            count={steps.length}
            step={step}
            issues={stepIssues(steps, i)}
            source={source}
            readOnly={readOnly}
            selected={i === selectedIndex}
            hasEarlierEmail={steps.slice(0, i).some((s) => isEmailStep(s.type))}
            onSelect={() => setSelectedKey(step.key)}
            onChange={(patch) => update(i, patch)}
            onMove={(delta) => move(i, delta)}
            onRemove={() => onChange(steps.filter((_, j) => j !== i))}
            onToggleActive={(active) => props.onToggleActive(step, active)}
          />
        ))}
        <button
          type="button"
          className="s-btn"
          disabled={readOnly || steps.length >= 50}
          onClick={() => {
            const step = newStep(steps);
            onChange([...steps, step]);
            setSelectedKey(step.key);
          }}
        >
          + Add step
        </button>
      </div>
      <div style={{ position: 'sticky', top: 8 }}>
        {selected ? (
          <>
            <p className="s-small s-muted" style={{ margin: '0 0 6px' }}>
              Previewing step {selectedIndex + 1}
              {selected.id ? '' : ' (not saved yet: the server checks it without its step settings)'}
            </p>
            <LivePreview
              sequenceId={props.sequenceId}
              stepId={selected.id}
              subject={isEmailStep(selected.type) ? selected.subject : null}
              body={selected.body}
              snippets={snippets}
              checkSend={isEmailStep(selected.type)}
              onContactChange={setPreviewContact}
            />
          </>
        ) : null}
      </div>
    </div>
  );
}

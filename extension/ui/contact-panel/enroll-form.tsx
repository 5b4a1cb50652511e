import { useEffect, useId, useState } from 'react';
import type { ExtensionError, ResultOf, SequenceSummary } from '../../../shared/schemas/extension-messages';
import type { StrideClient } from '../../lib/stride-client';

export function EnrollForm(props: {
  client: StrideClient;
  lastUsedSequenceId: string | null;
  busy: boolean;
  /** Warnings from the last attempt: shown with "Enroll anyway". */
  warnings: { sequenceId: string; items: ResultOf<'enroll'>['warnings'] } | null;
  onEnroll(sequenceId: string, sequenceName: string, skipValidation: boolean): void;
  onDismissWarnings(): void;
}) {
  const { client, lastUsedSequenceId, busy, warnings, onEnroll, onDismissWarnings } = props;
  const [sequences, setSequences] = useState<SequenceSummary[] | null>(null);
  const [error, setError] = useState<ExtensionError | null>(null);
  const [chosen, setChosen] = useState<string>('');
  const selectId = useId();

  useEffect(() => {
    let alive = true;
    void client.request({ type: 'sequences.list' }).then((outcome) => {
      if (!alive) return;
      if (!outcome.ok) return setError(outcome.error);
      const active = outcome.result.sequences.filter((s) => s.active);
      setSequences(active);
      const preferred = lastUsedSequenceId ?? outcome.result.lastUsedSequenceId;
      setChosen(active.find((s) => s.id === preferred)?.id ?? active[0]?.id ?? '');
    });
    return () => {
      alive = false;
    };
  }, [client, lastUsedSequenceId]);

  if (error) return <div className="s-small s-muted">Sequences are unavailable: {error.message}</div>;
  if (!sequences) return <div className="s-small s-muted">Loading sequences…</div>;
  if (sequences.length === 0) return <div className="s-small s-muted">No active sequences to enroll in.</div>;
  const selected = sequences.find((s) => s.id === chosen);

  if (warnings) {
    const name = sequences.find((s) => s.id === warnings.sequenceId)?.name ?? 'this sequence';
    return (
      <div className="s-warn" role="alert" data-stride-warnings="">
        <div>
          <strong>Check before enrolling in {name}:</strong>
        </div>
        <ul className="s-list">
          {warnings.items.map((w) => (
            <li key={w.code} className="s-reason s-small" data-stride-warning={w.code}>
              <strong>{w.label}.</strong> {w.message} <span className="s-muted">{w.resolution}</span>
            </li>
          ))}
        </ul>
        <div className="s-row">
          <button
            type="button"
            className="s-btn"
            data-primary=""
            disabled={busy}
            onClick={() => onEnroll(warnings.sequenceId, name, true)}
          >
            Enroll anyway
          </button>
          <button type="button" className="s-btn" onClick={onDismissWarnings}>
            Cancel
          </button>
        </div>
      </div>
    );
  }

  return (
    <form
      className="s-row"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (selected) onEnroll(selected.id, selected.name, false);
      }}
    >
      <label htmlFor={selectId} className="s-small s-muted">
        Sequence
      </label>
      <select id={selectId} className="s-input" value={chosen} onChange={(ev) => setChosen(ev.target.value)}>
        {sequences.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="s-btn"
        data-primary=""
        disabled={busy || !selected}
        aria-label={selected ? `Enroll in ${selected.name}` : 'Enroll'}
      >
        Enroll
      </button>
    </form>
  );
}

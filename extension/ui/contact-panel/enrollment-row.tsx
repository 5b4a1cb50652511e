import { useEffect, useId, useRef, useState } from 'react';
import type { FinishReason } from '../../../shared/schemas/enrollment';
import type { EnrollmentView } from '../../../shared/schemas/extension-messages';
import {
  FINISH_REASONS,
  finishedReasonWords,
  formatDay,
  pausedReasonWords,
  STATUS_LABEL,
  STATUS_TONE,
} from '../labels';
import { panelActions } from './enrollment-actions';

export type EnrollmentAction =
  | { kind: 'pause'; resumeAt?: string }
  | { kind: 'resume' }
  | { kind: 'finish'; reason: FinishReason }
  | { kind: 'remove' }
  | { kind: 'retry'; emailId: string; force: boolean };

/** A date picked in the rep's calendar becomes 9:00 local time that day. */
function resumeInstant(day: string): string | undefined {
  const d = new Date(`${day}T09:00:00`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function EnrollmentRow(props: {
  enrollment: EnrollmentView;
  pending: boolean;
  onAction(action: EnrollmentAction): void;
}) {
  const { enrollment: e, pending, onAction } = props;
  const [mode, setMode] = useState<'idle' | 'pause' | 'finish' | 'remove'>('idle');
  const removeButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  // Asking moves focus to the safe answer; backing out returns it to the Remove button.
  const [returnFocus, setReturnFocus] = useState(false);
  useEffect(() => {
    if (mode === 'remove') keepButton.current?.focus();
    if (mode === 'idle' && returnFocus) {
      removeButton.current?.focus();
      setReturnFocus(false);
    }
  }, [mode, returnFocus]);
  const [day, setDay] = useState('');
  const [reason, setReason] = useState<FinishReason>('replied');
  const ids = useId();
  const name = e.sequenceName ?? 'Unknown sequence';
  const stuck = e.stuckReason;
  const resumes = formatDay(e.resumeAt);
  const can = panelActions(e);

  return (
    <li
      className="s-card"
      data-stride-enrollment={e.id}
      data-stride-status={e.status}
      aria-busy={pending || undefined}
      aria-label={`${name}: step ${e.currentStep}, ${STATUS_LABEL[e.status]}`}
    >
      <div className="s-row">
        <strong>{name}</strong>
        <span className="s-muted s-small">Step {e.currentStep}</span>
        <span className="s-badge" data-tone={STATUS_TONE[e.status]}>
          {STATUS_LABEL[e.status]}
        </span>
      </div>
      {e.status === 'paused' && (
        <div className="s-small s-muted">
          {resumes ? `Resumes ${resumes}` : 'Paused until you resume'}
          {e.pausedReason ? ` · ${pausedReasonWords(e.pausedReason)}` : ''}
        </div>
      )}
      {e.status === 'finished' && e.finishedReason && (
        <div className="s-small s-muted">Finished: {finishedReasonWords(e.finishedReason)}</div>
      )}
      {stuck && (
        <div className="s-warn s-small" data-stride-stuck={stuck.code}>
          <div>
            <strong>{stuck.label}.</strong> {stuck.message}
          </div>
          <div>{stuck.resolution}</div>
          {stuck.detail && <div className="s-muted">{stuck.detail}</div>}
        </div>
      )}
      {(can.finish || can.remove) && mode === 'idle' && (
        <div className="s-row">
          {can.retry && (
            <button
              type="button"
              className="s-btn"
              data-primary=""
              disabled={pending}
              onClick={() =>
                can.retry && onAction({ kind: 'retry', emailId: can.retry.emailId, force: false })
              }
              aria-label={`Retry the email in ${name}`}
            >
              Retry
            </button>
          )}
          {can.retry?.forceable && (
            <button
              type="button"
              className="s-btn"
              disabled={pending}
              onClick={() =>
                can.retry && onAction({ kind: 'retry', emailId: can.retry.emailId, force: true })
              }
              aria-label={`Send the email in ${name} anyway`}
            >
              Send anyway
            </button>
          )}
          {can.pause && (
            <>
              <button
                type="button"
                className="s-btn"
                disabled={pending}
                onClick={() => onAction({ kind: 'pause' })}
                aria-label={`Pause ${name}`}
              >
                Pause
              </button>
              <button
                type="button"
                className="s-btn"
                disabled={pending}
                onClick={() => setMode('pause')}
                aria-label={`Pause ${name} until a date`}
              >
                Pause until…
              </button>
            </>
          )}
          {can.resume && (
            <button
              type="button"
              className="s-btn"
              disabled={pending}
              onClick={() => onAction({ kind: 'resume' })}
              aria-label={`Resume ${name}`}
            >
              Resume
            </button>
          )}
          <button
            type="button"
            className="s-btn"
            disabled={pending}
            onClick={() => setMode('finish')}
            aria-label={`Finish ${name}`}
          >
            Finish…
          </button>
          <button
            type="button"
            className="s-btn"
            data-danger=""
            ref={removeButton}
            disabled={pending}
            onClick={() => setMode('remove')}
            aria-label={`Remove from ${name}`}
          >
            Remove
          </button>
        </div>
      )}
      {mode === 'remove' && (
        <fieldset
          className="s-row"
          style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}
          aria-labelledby={`${ids}-remove`}
          onKeyDown={(ev) => {
            if (ev.key !== 'Escape') return;
            ev.stopPropagation();
            setMode('idle');
            setReturnFocus(true);
          }}
        >
          <legend id={`${ids}-remove`} className="s-small" style={{ padding: 0, float: 'left' }}>
            Remove from {name}? No more steps go out; the history is kept, and enrolling again resumes where
            it stopped.
          </legend>
          <button
            type="button"
            className="s-btn"
            data-danger=""
            onClick={() => {
              setMode('idle');
              onAction({ kind: 'remove' });
            }}
          >
            Remove
          </button>
          <button
            type="button"
            className="s-btn"
            ref={keepButton}
            onClick={() => {
              setMode('idle');
              setReturnFocus(true);
            }}
          >
            Keep
          </button>
        </fieldset>
      )}
      {mode === 'pause' && (
        <form
          className="s-row"
          onSubmit={(ev) => {
            ev.preventDefault();
            const resumeAt = day ? resumeInstant(day) : undefined;
            setMode('idle');
            onAction(resumeAt ? { kind: 'pause', resumeAt } : { kind: 'pause' });
          }}
        >
          <label htmlFor={`${ids}-day`} className="s-small">
            Resume on
          </label>
          <input
            id={`${ids}-day`}
            className="s-input"
            type="date"
            value={day}
            onChange={(ev) => setDay(ev.target.value)}
          />
          <button type="submit" className="s-btn" data-primary="">
            Pause
          </button>
          <button type="button" className="s-btn" onClick={() => setMode('idle')}>
            Cancel
          </button>
        </form>
      )}
      {mode === 'finish' && (
        <form
          className="s-row"
          onSubmit={(ev) => {
            ev.preventDefault();
            setMode('idle');
            onAction({ kind: 'finish', reason });
          }}
        >
          <label htmlFor={`${ids}-reason`} className="s-small">
            Reason
          </label>
          <select
            id={`${ids}-reason`}
            className="s-input"
            value={reason}
            onChange={(ev) => setReason(ev.target.value as FinishReason)}
          >
            {FINISH_REASONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
          <button type="submit" className="s-btn" data-primary="">
            Finish
          </button>
          <button type="button" className="s-btn" onClick={() => setMode('idle')}>
            Cancel
          </button>
        </form>
      )}
    </li>
  );
}

import { useEffect, useRef, useSyncExternalStore } from 'react';
import { STATUS_LABEL } from '../labels';
import type { ComposeGuard, GuardState, RecipientCheck } from './compose-guard';

const LIVE = new Set(['active', 'scheduled', 'paused', 'not_sent']);

function summary(s: GuardState): { state: string; text: string } {
  const r = s.recipients;
  if (r.length === 0) return { state: 'idle', text: 'Add a recipient and Stride checks it before you send.' };
  if (r.some((c) => c.state === 'checking'))
    return {
      state: 'checking',
      text: `Checking ${r.length === 1 ? 'the recipient' : `${r.length} recipients`}…`,
    };
  const reasons = r.reduce((n, c) => n + (c.result?.reasons.length ?? 0), 0);
  if (r.some((c) => c.result?.ok === false)) {
    return {
      state: 'blocked',
      text: `${reasons === 1 ? 'One reason' : `${reasons} reasons`} not to send this email.`,
    };
  }
  if (r.some((c) => c.problem === 'signed_out')) {
    return {
      state: 'signed_out',
      text: "You're signed out of Stride, so recipients aren't checked. You can still send.",
    };
  }
  if (r.some((c) => c.problem)) {
    return {
      state: 'unreachable',
      text: "Stride can't reach its server, so this email isn't checked. You can still send it.",
    };
  }
  return { state: 'ok', text: 'No reasons not to send.' };
}

function Recipient({ check }: { check: RecipientCheck }) {
  const live = check.enrollments.filter((e) => LIVE.has(e.status));
  if (!check.result?.reasons.length && live.length === 0) return null;
  return (
    <li data-stride-recipient={check.email}>
      <div className="s-small s-muted">{check.email}</div>
      <ul className="s-list">
        {check.result?.reasons.map((reason) => (
          <li key={reason.code} className="s-reason s-small" data-stride-reason={reason.code}>
            <strong>{reason.label}.</strong> {reason.message}{' '}
            <span className="s-muted">{reason.resolution}</span>
            {reason.detail && <span className="s-muted"> ({reason.detail})</span>}
          </li>
        ))}
        {live.map((e) => (
          <li key={e.id} className="s-reason s-small" data-stride-notice="enrollment">
            In sequence “{e.sequenceName ?? 'unknown'}” at step {e.currentStep} (
            {STATUS_LABEL[e.status].toLowerCase()}).
          </li>
        ))}
      </ul>
    </li>
  );
}

/** Sits in the compose window: what would stop this email, and the confirm when Send is held. */
export function ComposeBar({ guard }: { guard: ComposeGuard }) {
  const s = useSyncExternalStore(guard.subscribe, guard.getSnapshot);
  const { state, text } = summary(s);
  const cancel = useRef<HTMLButtonElement>(null);
  // A held send asks a question: focus its safe answer, so Enter does not send by accident.
  useEffect(() => {
    if (s.confirming) cancel.current?.focus();
  }, [s.confirming]);
  return (
    <section
      className="s-root s-bar"
      data-stride="compose-bar"
      data-stride-state={state}
      aria-label="Stride send check"
    >
      <div className="s-row s-small" role="status">
        <strong>Stride</strong>
        <span className={state === 'blocked' ? '' : 's-muted'}>
          {s.waitingToSend ? 'Checking before sending…' : text}
        </span>
      </div>
      <ul className="s-list">
        {s.recipients.map((check) => (
          <Recipient key={check.email} check={check} />
        ))}
      </ul>
      {s.confirming && (
        <div
          className="s-warn"
          role="alertdialog"
          aria-label="Send anyway?"
          data-stride-confirm=""
          onKeyDown={(ev) => {
            // Escape answers the question the safe way, as Cancel does.
            if (ev.key !== 'Escape') return;
            ev.stopPropagation();
            guard.cancelSend();
          }}
        >
          <div className="s-small">Stride held this email because of the reasons above. Send it anyway?</div>
          <div className="s-row" style={{ marginTop: 4 }}>
            <button type="button" className="s-btn" data-danger="" onClick={() => guard.sendAnyway()}>
              Send anyway
            </button>
            <button
              type="button"
              className="s-btn"
              data-primary=""
              ref={cancel}
              onClick={() => guard.cancelSend()}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

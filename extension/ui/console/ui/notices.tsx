import type { ReactNode } from 'react';
import type { ApiProblem } from '../../../lib/api/api-problem';

/** An API problem in words, with per-field details and a way out (sign in, retry). */
export function ProblemNotice(props: { problem: ApiProblem | undefined; onRetry?: () => void }) {
  const { problem, onRetry } = props;
  if (!problem) return null;
  if (problem.kind === 'signed_out') {
    return (
      <div className="s-info" role="status" data-console-problem="signed_out">
        {problem.message} <a href="#account">Go to Account</a>
      </div>
    );
  }
  return (
    <div className="s-alert" role="alert" data-console-problem={problem.code ?? problem.kind}>
      <div>{problem.message}</div>
      {problem.fields.length > 0 && (
        <ul className="c-field-problems">
          {problem.fields.map((f) => (
            <li key={`${f.path}:${f.message}`}>
              <strong>{f.label}:</strong> {f.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="s-btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Loading(props: { what: string }) {
  return (
    <p className="s-muted c-loading" role="status">
      Loading {props.what}…
    </p>
  );
}

export function EmptyState(props: { title: string; children?: ReactNode }) {
  return (
    <div className="c-empty" role="status">
      <strong>{props.title}</strong>
      {props.children && <div className="s-muted">{props.children}</div>}
    </div>
  );
}

/** Reserves its line while hidden, so the layout does not jump when a refresh starts or ends. */
export function BusyLine(props: { busy: boolean; text?: string }) {
  return (
    <span className="s-small s-muted c-busy" aria-live="polite" data-visible={props.busy ? '' : undefined}>
      {props.busy ? (props.text ?? 'Refreshing…') : ''}
    </span>
  );
}

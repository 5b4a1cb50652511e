import type { ExtensionError } from '../../shared/schemas/extension-messages';
import type { StrideClient } from '../lib/stride-client';

/** Signed-out and unreachable states in words a rep can act on. */
export function ProblemNotice(props: { error: ExtensionError; client: StrideClient; onRetry?: () => void }) {
  const { error, client, onRetry } = props;
  if (error.kind === 'signed_out') {
    return (
      <div className="s-info" role="status" data-stride-problem="signed_out">
        <div>You're signed out of Stride. {error.message}</div>
        <div className="s-row">
          <button
            type="button"
            className="s-btn"
            onClick={() => void client.request({ type: 'options.open' })}
          >
            Open Stride settings
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="s-alert" role="alert" data-stride-problem={error.kind}>
      <div>
        {error.kind === 'unreachable'
          ? `${error.message} Check your connection or the server URL.`
          : error.message}
      </div>
      {onRetry && (
        <div className="s-row">
          <button type="button" className="s-btn" onClick={onRetry}>
            Try again
          </button>
        </div>
      )}
    </div>
  );
}

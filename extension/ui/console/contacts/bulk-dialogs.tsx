import { useState } from 'react';
import type { FinishReason } from '../../../../shared/schemas/enrollment';
import { FINISH_REASONS } from '../../labels';
import { useConsole } from '../console-context';
import { isoToLocalInput, localInputToIso } from '../format';
import { Dialog } from '../ui/dialog';
import { Field } from '../ui/field';
import { LONG_BULK } from './bulk-run';

/**
 * While a long bulk request runs: the server answers once for the whole set, so the bar says that
 * work is under way (indeterminate) rather than inventing a percentage.
 */
export function BulkProgress(props: { count: number; busy: boolean; verb: string }) {
  if (!props.busy || props.count < LONG_BULK) return null;
  const label = `${props.verb} ${props.count.toLocaleString()} contacts`;
  return (
    <div className="s-small" role="status" data-console-bulk-progress="">
      <progress className="s-progress" aria-label={label} />
      <span>{label}… This can take a few seconds; keep this page open.</span>
    </div>
  );
}

export function PauseDialog(props: {
  count: number;
  busy: boolean;
  onClose(): void;
  onConfirm(resumeAt?: string): void;
}) {
  const { now } = useConsole();
  const [value, setValue] = useState('');
  const iso = localInputToIso(value);
  const past = iso !== undefined && new Date(iso) <= now();
  return (
    <Dialog
      title={`Pause ${props.count === 1 ? '1 contact' : `${props.count} contacts`}`}
      submitLabel="Pause"
      busy={props.busy}
      submitDisabled={past}
      onClose={props.onClose}
      onSubmit={() => props.onConfirm(iso)}
    >
      <p className="s-small">
        Nothing is sent to them while they are paused. Their next email waits where it is.
      </p>
      <Field
        label="Resume automatically on (optional)"
        hint="Leave empty to resume them by hand."
        error={past ? 'Pick a moment in the future.' : undefined}
      >
        <input
          className="s-input"
          type="datetime-local"
          min={isoToLocalInput(now())}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </Field>
      <BulkProgress count={props.count} busy={props.busy} verb="Pausing" />
    </Dialog>
  );
}

export function FinishDialog(props: {
  count: number;
  busy: boolean;
  onClose(): void;
  onConfirm(reason: FinishReason): void;
}) {
  const [reason, setReason] = useState<FinishReason>('replied');
  return (
    <Dialog
      title={`Mark ${props.count === 1 ? '1 contact' : `${props.count} contacts`} as finished`}
      submitLabel="Mark finished"
      busy={props.busy}
      onClose={props.onClose}
      onSubmit={() => props.onConfirm(reason)}
    >
      <p className="s-small">Outreach ends and open tasks are skipped; their history stays.</p>
      <Field label="Reason">
        <select
          className="s-input"
          value={reason}
          onChange={(e) => setReason(e.target.value as FinishReason)}
        >
          {FINISH_REASONS.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </Field>
      <BulkProgress count={props.count} busy={props.busy} verb="Finishing" />
    </Dialog>
  );
}

export function RemoveDialog(props: { count: number; busy: boolean; onClose(): void; onConfirm(): void }) {
  return (
    <Dialog
      title={`Remove ${props.count === 1 ? '1 contact' : `${props.count} contacts`} from the sequence`}
      submitLabel="Remove"
      danger
      busy={props.busy}
      onClose={props.onClose}
      onSubmit={props.onConfirm}
    >
      <p className="s-small">
        Their history is kept. Added again later, they continue at the step where they left off; to start over
        from step 1, clone the sequence instead.
      </p>
      <BulkProgress count={props.count} busy={props.busy} verb="Removing" />
    </Dialog>
  );
}

import { useState } from 'react';
import type { Contact } from '../../../../shared/schemas/contact';
import type { Task } from '../../../../shared/schemas/email';
import { encodeParams } from '../../../lib/api/api-core';
import type { ConsoleApi } from '../api-client';
import { taskSchema } from '../api-schemas';
import { useAction, useConsole } from '../console-context';
import { contactName } from '../contact-directory';
import { formatDateTime } from '../format';
import { Dialog } from '../ui/dialog';
import { ProblemNotice } from '../ui/notices';
import { snoozePresets } from './snooze-presets';

/** Snoozes a task until `until` on the server, or wakes it (`null`): the dialog and the undo share it. */
export function snoozeOnServer(api: ConsoleApi, id: string, until: Date | null): Promise<Task> {
  return api.call(
    (s) =>
      s.api.tasks[':id'].snooze.$post({
        param: encodeParams({ id }),
        json: { until: until ? until.toISOString() : null },
      }),
    taskSchema,
  );
}

/** Picks when the task comes back (later today, tomorrow morning, next week) and snoozes it. */
export function SnoozeDialog(props: {
  task: Task;
  contact: Contact | undefined;
  onClose(): void;
  onDone(task: Task): void;
}) {
  const { api, now } = useConsole();
  const [presets] = useState(() => snoozePresets(now()));
  const [choice, setChoice] = useState(presets[0]?.id);
  const action = useAction();
  const picked = presets.find((p) => p.id === choice);
  return (
    <Dialog
      title={`Snooze the task for ${contactName(props.contact)}`}
      submitLabel="Snooze"
      busy={action.busy}
      submitDisabled={!picked}
      onClose={props.onClose}
      onSubmit={() =>
        picked &&
        action.run(async () => {
          props.onDone(await snoozeOnServer(api, props.task.id, picked.until));
        })
      }
    >
      <fieldset className="s-stack">
        <legend>Bring it back</legend>
        {presets.map((p, i) => (
          <label key={p.id} className="s-row">
            <input
              type="radio"
              name="snooze-until"
              value={p.id}
              checked={choice === p.id}
              onChange={() => setChoice(p.id)}
              {...(i === 0 && { 'data-autofocus': '' })}
            />
            {p.label} <span className="s-muted s-small">({formatDateTime(p.until.toISOString())})</span>
          </label>
        ))}
      </fieldset>
      <p className="s-small s-muted">It leaves your queue until then and comes back by itself.</p>
      <ProblemNotice problem={action.error} />
    </Dialog>
  );
}

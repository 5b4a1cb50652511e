import { useState } from 'react';
import { isBlankEmail, needsContentToRun } from '../../../../shared/template/blank';
import { encodeParams } from '../../../lib/api/api-core';
import { type SequenceView, sequenceViewSchema } from '../api-schemas';
import { useAction, useConsole } from '../console-context';
import { Badge } from '../ui/badge';
import { ProblemNotice } from '../ui/notices';
import { ShareDialog } from './share-dialog';

export interface SequenceHeaderProps {
  sequence: SequenceView;
  name: string;
  onName(name: string): void;
  onSaved(s: SequenceView): void;
  onOpen(id: string): void;
  onBack(): void;
}

/** Name, on/off, clone and share: the actions that apply to the sequence as a whole. */
export function SequenceHeader(props: SequenceHeaderProps) {
  const { sequence, onSaved } = props;
  const { api } = useConsole();
  const action = useAction();
  const [sharing, setSharing] = useState(false);
  const param = encodeParams({ id: sequence.id });
  const canEdit = sequence.access !== 'view';
  const noActiveSteps = !sequence.steps.some((s) => s.active);
  // The server refuses to activate these (shared/template/blank.ts): say so before the click.
  const emptySteps = sequence.steps
    .filter((s) => s.active && needsContentToRun(s.type) && isBlankEmail(s.subject, s.body))
    .map((s) => s.position);
  const archived = !!sequence.archivedAt;
  const cannotActivate = !sequence.active && (archived || noActiveSteps || emptySteps.length > 0);

  return (
    <div>
      <div className="c-toolbar">
        <button type="button" className="c-link" onClick={props.onBack}>
          ← All sequences
        </button>
      </div>
      <div className="c-toolbar">
        <label htmlFor="c-seq-name" className="c-sr">
          Sequence name
        </label>
        <input
          id="c-seq-name"
          className="s-input"
          style={{ fontSize: 16, fontWeight: 600, minWidth: 280 }}
          value={props.name}
          disabled={!canEdit}
          onChange={(e) => props.onName(e.target.value)}
        />
        <Badge tone={sequence.active ? 'good' : 'none'}>
          {archived ? 'Archived' : sequence.active ? 'Active' : 'Inactive'}
        </Badge>
        {sequence.access !== 'owner' && (
          <Badge tone="none">{sequence.access === 'edit' ? 'Shared: can edit' : 'Shared: view only'}</Badge>
        )}
        <span className="c-grow" />
        <button
          type="button"
          className="s-btn"
          data-primary={sequence.active ? undefined : ''}
          disabled={!canEdit || action.busy || cannotActivate}
          aria-describedby={cannotActivate ? 'c-seq-why-inactive' : undefined}
          onClick={() =>
            action.run(async () =>
              onSaved(
                await api.call(
                  (s) => s.api.sequences[':id'].$patch({ param, json: { active: !sequence.active } }),
                  sequenceViewSchema,
                ),
              ),
            )
          }
        >
          {sequence.active ? 'Deactivate' : 'Activate'}
        </button>
        <button
          type="button"
          className="s-btn"
          disabled={action.busy}
          onClick={() =>
            action.run(async () => {
              const copy = await api.call(
                (s) => s.api.sequences[':id'].clone.$post({ param }),
                sequenceViewSchema,
              );
              props.onOpen(copy.id);
            })
          }
        >
          Clone
        </button>
        <button
          type="button"
          className="s-btn"
          disabled={sequence.access !== 'owner'}
          onClick={() => setSharing(true)}
        >
          Share
        </button>
      </div>
      {!sequence.active && (
        <p className="s-small s-muted" id="c-seq-why-inactive">
          {archived
            ? 'Archived: it sends nothing and its history is kept. Restore it from the list’s Archived filter to use it again.'
            : 'Inactive: no step is scheduled or sent until you activate the sequence.'}
          {noActiveSteps && ' Add an active step first.'}
          {emptySteps.length > 0 &&
            ` ${emptySteps.length === 1 ? 'Step' : 'Steps'} ${emptySteps.join(', ')} ${emptySteps.length === 1 ? 'is an automatic email' : 'are automatic emails'} with no subject and no body: write one, or switch the step off, before activating.`}
        </p>
      )}
      <ProblemNotice problem={action.error} />
      {sharing && (
        <ShareDialog
          sequenceId={sequence.id}
          sequenceName={sequence.name}
          onClose={() => setSharing(false)}
        />
      )}
    </div>
  );
}

import { type Dispatch, type SetStateAction, useEffect, useState } from 'react';
import { encodeParams } from '../../../lib/api/api-core';
import { type SequenceView, sequenceViewSchema } from '../api-schemas';
import { useAction, useConsole, useLoad } from '../console-context';
import { SequenceContacts } from '../contacts/sequence-contacts';
import { useLeaveGuard } from '../hash-route';
import { Loading, ProblemNotice } from '../ui/notices';
import { TabPanel, Tabs } from '../ui/tabs';
import { RulesetEditor } from './ruleset-editor';
import { ScheduleEditor } from './schedule-editor';
import {
  draftOf,
  draftProblems,
  isDirty,
  patchOf,
  type SequenceDraft,
  type StepDraft,
} from './sequence-draft';
import { SequenceHeader } from './sequence-header';
import { StepsEditor } from './steps-editor';
import { useSnippets } from './use-snippets';

export type SequenceTab = 'steps' | 'contacts' | 'schedule' | 'rules';
type Tab = SequenceTab;
export const sequenceTabs: Array<{ id: Tab; label: string }> = [
  { id: 'steps', label: 'Steps' },
  { id: 'contacts', label: 'Contacts' },
  { id: 'schedule', label: 'Schedule' },
  { id: 'rules', label: 'Rules' },
];

const LEAVE_QUESTION = 'This sequence has unsaved changes. Leave without saving them?';

/** One sequence: its steps, contacts, schedule and rules; edits collect in a draft until saved. */
export interface SequenceDetailProps {
  id: string;
  /** The open tab, when the caller keeps it (in the URL); otherwise the detail keeps it itself. */
  tab?: SequenceTab;
  onTab?(tab: SequenceTab): void;
  onOpen(id: string): void;
  onBack(): void;
}

export function SequenceDetail(props: SequenceDetailProps) {
  const [ownTab, setOwnTab] = useState<SequenceTab>('steps');
  const tab = props.tab ?? ownTab;
  const onTab = props.onTab ?? setOwnTab;
  const loaded = useLoad(
    ({ api }) =>
      api.call(
        (s) => s.api.sequences[':id'].$get({ param: encodeParams({ id: props.id }) }),
        sequenceViewSchema,
      ),
    [props.id],
  );
  const [saved, setSaved] = useState<SequenceView | undefined>();
  const [draft, setDraft] = useState<SequenceDraft | undefined>();
  useEffect(() => {
    if (loaded.data) {
      setSaved(loaded.data);
      setDraft(draftOf(loaded.data));
    }
  }, [loaded.data]);

  if (!saved || !draft) {
    return loaded.error ? (
      <ProblemNotice problem={loaded.error} onRetry={loaded.reload} />
    ) : (
      <Loading what="the sequence" />
    );
  }
  return (
    <DetailBody
      key={saved.id}
      saved={saved}
      draft={draft}
      setDraft={setDraft}
      onSaved={(s, keepDraft) => {
        setSaved(s);
        if (!keepDraft) setDraft(draftOf(s));
      }}
      tab={tab}
      onTab={onTab}
      onOpen={props.onOpen}
      onBack={props.onBack}
    />
  );
}

function DetailBody(props: {
  saved: SequenceView;
  draft: SequenceDraft;
  setDraft: Dispatch<SetStateAction<SequenceDraft | undefined>>;
  onSaved(s: SequenceView, keepDraft?: boolean): void;
  tab: SequenceTab;
  onTab(tab: SequenceTab): void;
  onOpen(id: string): void;
  onBack(): void;
}) {
  const { saved, draft, setDraft, onSaved } = props;
  const { api } = useConsole();
  const snippets = useSnippets();
  const { tab, onTab: setTab } = props;
  const save = useAction();
  const toggle = useAction();
  const readOnly = saved.access === 'view';
  const dirty = isDirty(draft, saved);
  useLeaveGuard(dirty && !readOnly, LEAVE_QUESTION);
  const problems = draftProblems(draft);
  const param = encodeParams({ id: saved.id });

  const toggleStep = (step: StepDraft, active: boolean) => {
    const local = () =>
      setDraft((d) => d && { ...d, steps: d.steps.map((s) => (s.key === step.key ? { ...s, active } : s)) });
    if (!step.id) return local();
    void toggle.run(async () => {
      const next = await api.call(
        (s) =>
          s.api.sequences[':id'].steps[':stepId'].$patch({
            param: { ...param, ...encodeParams({ stepId: step.id ?? '' }) },
            json: { active },
          }),
        sequenceViewSchema,
      );
      // Only the switch is applied to the draft: other unsaved edits stay as they are.
      onSaved(next, true);
      local();
    });
  };

  const onSave = () =>
    save.run(async () => {
      onSaved(
        await api.call(
          (s) => s.api.sequences[':id'].$patch({ param, json: patchOf(draft) }),
          sequenceViewSchema,
        ),
      );
    });

  return (
    <div>
      <SequenceHeader
        sequence={saved}
        name={draft.name}
        onName={(name) => setDraft({ ...draft, name })}
        onSaved={(s) => onSaved(s, true)}
        onOpen={props.onOpen}
        onBack={props.onBack}
      />
      <Tabs label="Sequence sections" items={sequenceTabs} value={tab} onChange={setTab} idPrefix="c-seq" />
      <TabPanel idPrefix="c-seq" value={tab}>
        {tab !== 'contacts' && (
          <div className="c-toolbar" data-console-savebar="">
            <button
              type="button"
              className="s-btn"
              data-primary=""
              disabled={readOnly || !dirty || problems.length > 0 || save.busy}
              onClick={onSave}
            >
              {save.busy ? 'Saving…' : 'Save changes'}
            </button>
            <button
              type="button"
              className="s-btn"
              disabled={!dirty || save.busy}
              onClick={() => props.onSaved(saved)}
            >
              Discard
            </button>
            <span className="s-small s-muted" aria-live="polite">
              {readOnly
                ? 'Shared with you to view: editing is off.'
                : dirty
                  ? 'Unsaved changes'
                  : 'All changes saved'}
            </span>
            {dirty && problems.length > 0 && (
              <span className="s-small c-field-error">{problems.join(' ')}</span>
            )}
          </div>
        )}
        <ProblemNotice problem={save.error ?? toggle.error} />
        {tab === 'steps' && (
          <StepsEditor
            sequenceId={saved.id}
            steps={draft.steps}
            onChange={(steps) => setDraft({ ...draft, steps })}
            onToggleActive={toggleStep}
            snippets={snippets.data ?? {}}
            readOnly={readOnly}
          />
        )}
        {tab === 'schedule' && (
          <ScheduleEditor
            schedule={draft.schedule}
            steps={draft.steps}
            readOnly={readOnly}
            onChange={(schedule) => setDraft({ ...draft, schedule })}
          />
        )}
        {tab === 'rules' && (
          <RulesetEditor
            ruleset={draft.ruleset}
            readOnly={readOnly}
            onChange={(ruleset) => setDraft({ ...draft, ruleset })}
          />
        )}
        {tab === 'contacts' && <SequenceContacts sequence={saved} onChanged={(s) => onSaved(s, true)} />}
      </TabPanel>
    </div>
  );
}

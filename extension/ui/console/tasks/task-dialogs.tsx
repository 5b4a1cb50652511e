import { useState } from 'react';
import type { Contact } from '../../../../shared/schemas/contact';
import type { Task } from '../../../../shared/schemas/email';
import { validateTemplate } from '../../../../shared/template/validate';
import { encodeParams } from '../../../lib/api/api-core';
import { type SequenceView, taskSchema } from '../api-schemas';
import { useAction, useConsole } from '../console-context';
import { contactName } from '../contact-directory';
import { LivePreview } from '../sequences/live-preview';
import { TemplateField } from '../sequences/template-field';
import { useSnippets } from '../sequences/use-snippets';
import { Dialog } from '../ui/dialog';
import { Field } from '../ui/field';
import { ProblemNotice } from '../ui/notices';
import { RichTextEditor } from '../ui/rich-text/rich-text-editor';

const TASK_WORDS: Record<Exclude<Task['type'], 'manual_email'>, { title: string; note: string }> = {
  call: { title: 'Log the call with', note: 'How did the call go?' },
  linkedin: { title: 'Complete the LinkedIn step for', note: 'What did you do (connect, message, view)?' },
  task: { title: 'Complete the task for', note: 'Note (optional)' },
};

/** Calls, LinkedIn steps and action items: done with a note, and the sequence moves on. */
export function CompleteTaskDialog(props: {
  task: Task;
  contact: Contact | undefined;
  instructions: string | null;
  onClose(): void;
  onDone(): void;
}) {
  const { api } = useConsole();
  const [note, setNote] = useState('');
  const action = useAction();
  const words = TASK_WORDS[props.task.type as Exclude<Task['type'], 'manual_email'>] ?? TASK_WORDS.task;
  const name = contactName(props.contact);
  const linkedIn = `https://www.linkedin.com/search/results/people/?keywords=${encodeURIComponent(
    [name, props.contact?.company].filter(Boolean).join(' '),
  )}`;
  return (
    <Dialog
      title={`${words.title} ${name}`}
      submitLabel="Mark done"
      busy={action.busy}
      onClose={props.onClose}
      onSubmit={() =>
        action.run(async () => {
          await api.call(
            (s) =>
              s.api.tasks[':id'].complete.$post({
                param: encodeParams({ id: props.task.id }),
                json: note.trim() ? { note: note.trim() } : {},
              }),
            taskSchema,
          );
          props.onDone();
        })
      }
    >
      {props.instructions && (
        <p className="s-info s-small" style={{ whiteSpace: 'pre-wrap' }}>
          {props.instructions}
        </p>
      )}
      <p className="s-small">
        {props.contact?.title ? `${props.contact.title}, ` : ''}
        {props.contact?.company ?? ''}{' '}
        {props.contact?.email && <span className="s-muted">· {props.contact.email}</span>}
      </p>
      {props.task.type === 'call' &&
        (props.contact?.phone ? (
          <p className="s-small">
            <a href={`tel:${props.contact.phone}`} data-task-phone="">
              Call {props.contact.phone}
            </a>
            {props.contact.phoneValid === false && (
              <span className="s-muted"> (kept as written: it could not be read as a phone number)</span>
            )}
          </p>
        ) : (
          <p className="s-small s-muted">No phone number on this contact yet.</p>
        ))}
      {props.task.type === 'linkedin' && (
        <p className="s-small">
          {props.contact?.linkedinUrl ? (
            <a href={props.contact.linkedinUrl} target="_blank" rel="noreferrer" data-task-linkedin="">
              Open {name}'s LinkedIn profile
            </a>
          ) : (
            <a href={linkedIn} target="_blank" rel="noreferrer">
              Find {name} on LinkedIn
            </a>
          )}
        </p>
      )}
      <Field label={words.note} error={action.error?.fieldMessage('note')}>
        <textarea className="s-input" rows={4} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <ProblemNotice problem={action.error?.fields.length ? undefined : action.error} />
    </Dialog>
  );
}

/** A manual email: the step's template to personalise, previewed for this contact, then sent. */
export function ManualEmailDialog(props: {
  task: Task;
  contact: Contact | undefined;
  sequence: SequenceView | undefined;
  onClose(): void;
  onDone(): void;
}) {
  const { api } = useConsole();
  const step = props.sequence?.steps.find((s) => s.id === props.task.stepId);
  const [subject, setSubject] = useState(step?.subject ?? '');
  const [body, setBody] = useState(step?.body ?? '');
  const snippets = useSnippets();
  const action = useAction();
  const source = {
    snippets: Object.keys(snippets.data ?? {}),
    fields: Object.keys(props.contact?.fields ?? {}),
  };
  const subjectProblems = validateTemplate(subject);
  const bodyProblems = validateTemplate(body);
  return (
    <Dialog
      wide
      title={`Email ${contactName(props.contact)}`}
      submitLabel="Send"
      busy={action.busy}
      submitDisabled={subjectProblems.length + bodyProblems.length > 0 || !body.trim()}
      onClose={props.onClose}
      onSubmit={() =>
        action.run(async () => {
          await api.call(
            (s) =>
              s.api.tasks[':id'].complete.$post({
                param: encodeParams({ id: props.task.id }),
                json: { subject, body },
              }),
            taskSchema,
          );
          props.onDone();
        })
      }
    >
      <div className="c-split">
        <div>
          <TemplateField
            label="Subject"
            value={subject}
            onChange={setSubject}
            source={source}
            problems={subjectProblems}
          />
          <RichTextEditor
            label="Body"
            value={body}
            onChange={setBody}
            source={source}
            problems={bodyProblems}
          />
          <p className="s-small s-muted">
            Sent through the enrollment's mailbox as soon as its schedule allows, under the same checks as any
            sequence email.
          </p>
        </div>
        <LivePreview
          sequenceId={props.task.sequenceId}
          stepId={props.task.stepId}
          subject={subject}
          body={body}
          snippets={snippets.data ?? {}}
          contact={props.contact ?? null}
        />
      </div>
      <ProblemNotice problem={action.error} />
    </Dialog>
  );
}

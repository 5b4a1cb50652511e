import { useState } from 'react';
import { useAction, useConsole } from '../console-context';
import { idsForEmails } from '../contacts/contact-sources';
import { plural } from '../format';
import { EnrollContactsDialog } from '../records/enroll-dialog';
import { AddToListDialog } from '../records/list-dialogs';
import { ProblemNotice } from '../ui/notices';
import { offKeepsFocus } from '../ui/off-keeps-focus';
import { CsvImport } from './csv-import';

/** After an import: the contacts that went in, and where they can go next (a sequence, a list). */
function NextSteps(props: { emails: string[] }) {
  const { api } = useConsole();
  const [ids, setIds] = useState<string[] | null>(null);
  const [dialog, setDialog] = useState<'enroll' | 'list' | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const find = useAction();
  const load = async () => ids ?? (await find.run(() => idsForEmails(api, props.emails))) ?? null;
  const open = async (which: 'enroll' | 'list') => {
    const found = await load();
    if (!found) return;
    setIds(found);
    if (found.length) setDialog(which);
  };
  const n = props.emails.length;
  if (n === 0) return null;
  return (
    <section
      className="c-toolbar"
      aria-label="Next steps for the imported contacts"
      data-console-import-next=""
    >
      <strong>Next:</strong>
      <button
        type="button"
        className="s-btn"
        data-primary=""
        {...offKeepsFocus(find.busy, () => void open('enroll'))}
      >
        Enroll these {plural(n, 'contact')}
      </button>
      <button type="button" className="s-btn" {...offKeepsFocus(find.busy, () => void open('list'))}>
        Add to a list
      </button>
      <a href="#contacts">See them on the Contacts tab</a>
      {find.busy && <span className="s-small s-muted">Finding the imported contacts…</span>}
      {ids && ids.length === 0 && (
        <span className="s-warn s-small">None of the imported contacts can be found.</span>
      )}
      {outcome && (
        <p className="s-info" role="status">
          {outcome}
        </p>
      )}
      <ProblemNotice problem={find.error} />
      {dialog === 'enroll' && ids && (
        <EnrollContactsDialog contactIds={ids} onClose={() => setDialog(null)} onEnrolled={setOutcome} />
      )}
      {dialog === 'list' && ids && (
        <AddToListDialog
          contactIds={ids}
          onClose={() => setDialog(null)}
          onAdded={(m) => {
            setDialog(null);
            setOutcome(m);
          }}
        />
      )}
    </section>
  );
}

/** Contacts from a CSV file; once in, they can be enrolled or put on a list right here. */
export function ImportScreen() {
  const [imported, setImported] = useState<string[] | null>(null);
  return (
    <div className="c-screen" data-console-screen="import">
      <p className="s-muted">
        Import contacts from a CSV file. Map each column to a contact field, check the preview, then import.
        Large files go up in parts, and a bad row never stops the others.
      </p>
      <CsvImport onDone={(_summary, emails) => setImported(emails)} />
      {imported && <NextSteps key={imported.join(',')} emails={imported} />}
    </div>
  );
}

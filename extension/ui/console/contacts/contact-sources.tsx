import { useState } from 'react';
import type { Contact } from '../../../../shared/schemas/contact';
import { encodeParams } from '../../../lib/api/api-core';
import type { ConsoleApi } from '../api-client';
import { contactPageSchema, listPageSchema } from '../api-schemas';
import { useLoad } from '../console-context';
import { contactName } from '../contact-directory';
import { plural } from '../format';
import { CsvImport } from '../import/csv-import';
import { fetchAll, mapLimit } from '../paginate';
import { ProblemNotice } from '../ui/notices';
import { useContactSearch } from './contact-picker';

/** Search, tick, search again: ticked contacts stay ticked across searches. */
export function SearchSource(props: {
  chosen: Map<string, Contact>;
  onChange(m: Map<string, Contact>): void;
}) {
  const [q, setQ] = useState('');
  const { results, searching } = useContactSearch(q, 50);
  const toggle = (c: Contact) => {
    const next = new Map(props.chosen);
    if (next.has(c.id)) next.delete(c.id);
    else next.set(c.id, c);
    props.onChange(next);
  };
  return (
    <div>
      <input
        className="s-input"
        type="search"
        style={{ width: '100%' }}
        aria-label="Search contacts to add"
        placeholder="Search by name, email or company"
        value={q}
        data-autofocus=""
        onChange={(e) => setQ(e.target.value)}
      />
      <div style={{ minHeight: 160, maxHeight: 260, overflow: 'auto', marginTop: 6 }}>
        {searching && !results && <p className="s-small s-muted">Searching…</p>}
        {results?.length === 0 && <p className="s-small s-muted">No contact matches.</p>}
        {!q.trim() && <p className="s-small s-muted">Type to find contacts.</p>}
        <ul className="s-list">
          {results?.map((c) => (
            <li key={c.id}>
              <label>
                <input type="checkbox" checked={props.chosen.has(c.id)} onChange={() => toggle(c)} />{' '}
                {contactName(c)}{' '}
                <span className="s-small s-muted">
                  {c.email ?? 'no email'}
                  {c.company ? ` · ${c.company}` : ''}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </div>
      <p className="s-small">{plural(props.chosen.size, 'contact')} chosen.</p>
    </div>
  );
}

/** A team list: its members are resolved when the rep adds them. */
export function ListSource(props: { listId: string; onChange(id: string): void }) {
  const lists = useLoad(
    ({ api }) => fetchAll(api, (s, query) => s.api.lists.$get({ query }), listPageSchema),
    [],
  );
  return (
    <div style={{ minHeight: 160 }}>
      <ProblemNotice problem={lists.error} />
      {lists.data?.length === 0 && <p className="s-small s-muted">Your team has no lists yet.</p>}
      {lists.data && lists.data.length > 0 && (
        <div className="s-field c-field">
          <label htmlFor="c-add-list">List</label>
          <select
            id="c-add-list"
            className="s-input"
            value={props.listId}
            onChange={(e) => props.onChange(e.target.value)}
          >
            <option value="">Choose a list…</option>
            {lists.data.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} ({plural(l.memberCount, 'contact')})
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}

export async function listMemberIds(api: ConsoleApi, listId: string): Promise<string[]> {
  const members = await fetchAll(
    api,
    (s, query) => s.api.lists[':id'].members.$get({ param: encodeParams({ id: listId }), query }),
    contactPageSchema,
  );
  return members.map((c) => c.id);
}

/**
 * The import answers with counts, not ids, so the imported rows are found again by their email
 * (GET /api/contacts?email= is exact and case-insensitive).
 */
export async function idsForEmails(api: ConsoleApi, emails: readonly string[]): Promise<string[]> {
  const found = await mapLimit([...new Set(emails.map((e) => e.toLowerCase()))], 8, async (email) => {
    const page = await api.call(
      (s) => s.api.contacts.$get({ query: { email, limit: 1 } }),
      contactPageSchema,
    );
    return page.items[0]?.id;
  });
  return found.filter((id): id is string => !!id);
}

/** Import a file, then hand the imported contacts' emails over for enrolling. */
export function CsvSource(props: { onImported(emails: string[]): void }) {
  return (
    <div style={{ minHeight: 160 }}>
      <CsvImport onDone={(_, emails) => props.onImported(emails)} />
    </div>
  );
}

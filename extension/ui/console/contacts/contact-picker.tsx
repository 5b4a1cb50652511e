import { useEffect, useId, useState } from 'react';
import type { Contact } from '../../../../shared/schemas/contact';
import { contactPageSchema } from '../api-schemas';
import { useConsole } from '../console-context';
import { contactName } from '../contact-directory';

/** Contacts matching `q` (name, email or company), as GET /api/contacts?q= finds them. */
export function useContactSearch(q: string, limit = 20) {
  const { api, contacts } = useConsole();
  const [results, setResults] = useState<Contact[] | null>(null);
  const [searching, setSearching] = useState(false);
  useEffect(() => {
    const term = q.trim();
    if (!term) {
      setResults(null);
      setSearching(false);
      return;
    }
    let alive = true;
    setSearching(true);
    // Debounced: one request once the rep pauses typing, not one per key.
    const timer = setTimeout(() => {
      api
        .call((s) => s.api.contacts.$get({ query: { q: term, limit } }), contactPageSchema)
        .then(
          (page) => {
            if (!alive) return;
            contacts.remember(page.items);
            setResults(page.items);
            setSearching(false);
          },
          () => {
            if (!alive) return;
            setResults([]);
            setSearching(false);
          },
        );
    }, 250);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [api, contacts, q, limit]);
  return { results, searching };
}

/** Pick one contact by searching; shows the choice with a way to change it. */
export function ContactPicker(props: {
  label: string;
  value: Contact | null;
  onChange(c: Contact | null): void;
}) {
  const [q, setQ] = useState('');
  const { results, searching } = useContactSearch(q, 8);
  const id = useId();
  if (props.value) {
    return (
      <div className="s-row" data-console-preview-contact={props.value.id}>
        <span className="s-small s-muted">{props.label}:</span>
        <strong>{contactName(props.value)}</strong>
        <span className="s-small s-muted">{props.value.email}</span>
        <button type="button" className="c-link s-small" onClick={() => props.onChange(null)}>
          Change
        </button>
      </div>
    );
  }
  return (
    <div className="c-template">
      <label htmlFor={id} className="s-small s-muted">
        {props.label}
      </label>
      <input
        id={id}
        className="s-input"
        type="search"
        placeholder="Search contacts by name, email or company"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {q.trim() && (
        <ul className="s-list" aria-label="Matching contacts">
          {searching && !results && <li className="s-small s-muted">Searching…</li>}
          {results?.length === 0 && <li className="s-small s-muted">No contact matches “{q.trim()}”.</li>}
          {results?.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="c-link"
                onClick={() => {
                  props.onChange(c);
                  setQ('');
                }}
              >
                {contactName(c)} <span className="s-muted s-small">{c.email}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { useState } from 'react';
import type { Contact } from '../../../shared/schemas/contact';
import { splitName } from '../../lib/addresses';
import type { StrideClient } from '../../lib/stride-client';

export function CreateContact(props: {
  client: StrideClient;
  email: string;
  name?: string;
  onCreated(c: Contact): void;
}) {
  const { client, email, name, onCreated } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="s-card" data-stride-unknown="">
      <div>
        <strong>{name ?? email}</strong> is not a Stride contact yet.
      </div>
      {name && <div className="s-small s-muted">{email}</div>}
      {error && (
        <div className="s-alert s-small" role="alert">
          {error}
        </div>
      )}
      <div className="s-row" style={{ marginTop: 6 }}>
        <button
          type="button"
          className="s-btn"
          data-primary=""
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            const outcome = await client.request({ type: 'contact.create', email, ...splitName(name) });
            setBusy(false);
            if (outcome.ok) onCreated(outcome.result.contact);
            else setError(`Couldn't create the contact: ${outcome.error.message}`);
          }}
        >
          Create contact
        </button>
      </div>
    </div>
  );
}

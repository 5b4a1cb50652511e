import { useState } from 'react';
import { changePassword } from '../../lib/account-calls';
import { TextField } from './text-field';

/** The signed-in user's new password; the current one proves it is them and not just their browser. */
export function ChangePassword(props: { fetch: typeof fetch; serverUrl: string; token: string }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  return (
    <form
      aria-label="Change password"
      data-stride-change-password=""
      onSubmit={async (ev) => {
        ev.preventDefault();
        if (next.length < 10)
          return setOutcome({ ok: false, message: 'New password: use at least 10 characters.' });
        if (next !== again)
          return setOutcome({ ok: false, message: 'The two new passwords are not the same.' });
        setBusy(true);
        const result = await changePassword(props.fetch, props.serverUrl, props.token, current, next);
        setBusy(false);
        setOutcome(result);
        if (result.ok) {
          setCurrent('');
          setNext('');
          setAgain('');
        }
      }}
    >
      <h3>Change password</h3>
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
      />
      <TextField
        label="New password (at least 10 characters)"
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={setNext}
      />
      <TextField
        label="New password again"
        type="password"
        autoComplete="new-password"
        value={again}
        onChange={setAgain}
      />
      {outcome && (
        <p className={outcome.ok ? 's-info' : 's-alert'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.message}
        </p>
      )}
      <button type="submit" className="s-btn" disabled={busy}>
        {busy ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}

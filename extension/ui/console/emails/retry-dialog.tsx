import { useState } from 'react';
import type { Email } from '../../../../shared/schemas/email';
import { notSentCatalog } from '../../../../shared/send-guard/catalog';
import { type RetryResult, retryResultSchema } from '../api-schemas';
import { useAction, useConsole } from '../console-context';
import { plural } from '../format';
import { Dialog } from '../ui/dialog';
import { ProblemNotice } from '../ui/notices';
import { FORCE_BYPASSES, FORCE_NEVER, forecastRetry } from './force-policy';

const SKIP_WORDS: Record<RetryResult['skipped'][number]['code'], string> = {
  not_found: 'no longer exists',
  already_sent_step: 'was sent meanwhile',
  not_retryable: 'is not waiting for a retry',
};

const names = (codes: readonly (keyof typeof notSentCatalog)[]) =>
  codes.map((c) => notSentCatalog[c].label).join(', ');

/** “Retry undelivered”, with what force send does and never does spelled out before the rep decides. */
export function RetryDialog(props: { emails: Email[]; onClose(): void; onDone(message: string): void }) {
  const { api } = useConsole();
  const [force, setForce] = useState(false);
  const action = useAction();
  const forecast = forecastRetry(props.emails, force);

  const retry = () =>
    action.run(async () => {
      const result = await api.call(
        (s) => s.api.emails.retry.$post({ json: { ids: props.emails.map((e) => e.id), force } }),
        retryResultSchema,
      );
      const skipped = result.skipped.map((s) => `1 ${SKIP_WORDS[s.code]}`);
      props.onDone(
        [
          `${plural(result.retried.length, 'email')} queued again${force ? ' with force send' : ''}.`,
          ...skipped,
        ].join(' '),
      );
    });

  return (
    <Dialog
      title={`Retry ${plural(props.emails.length, 'undelivered email')}`}
      submitLabel="Retry"
      busy={action.busy}
      onClose={props.onClose}
      onSubmit={retry}
    >
      <p className="s-small">
        Retried emails go out at the next moment the sequence's schedule and the mailbox's limits allow, after
        every check runs again. Fix the cause first, or they may be held again.
      </p>
      <label style={{ display: 'block', margin: '8px 0' }}>
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />{' '}
        <strong>Force send</strong>
      </label>
      <div className="s-small" style={{ marginLeft: 22 }} data-console-force-explained="">
        <p style={{ margin: '0 0 4px' }}>Skips these protections: {names(FORCE_BYPASSES)}.</p>
        <p style={{ margin: 0 }}>
          Never overrides: {names(FORCE_NEVER)}. Sending windows and mailbox limits always apply.
        </p>
      </div>
      <ul className="s-list s-small" style={{ marginTop: 10 }} data-console-retry-forecast="">
        {forecast.forceHelps > 0 && (
          <li>{plural(forecast.forceHelps, 'email')} held by a protection that force send skips.</li>
        )}
        {forecast.heldAgain.map((h) => (
          <li key={h.code} className="s-warn">
            {plural(h.count, 'email')} will be held again ({notSentCatalog[h.code].label}):{' '}
            {notSentCatalog[h.code].resolution}
          </li>
        ))}
        {forecast.plain > 0 && <li>{plural(forecast.plain, 'email')} will simply be tried again.</li>}
      </ul>
      <ProblemNotice problem={action.error} />
    </Dialog>
  );
}

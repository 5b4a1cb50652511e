import { useState } from 'react';
import { encodeParams } from '../../../lib/api/api-core';
import { type Health, type HealthStatus, healthSchema, type MailboxDto, unlinkSchema } from '../api-schemas';
import { useAction, useConsole } from '../console-context';
import { formatDateTime } from '../format';
import { Badge, type Tone } from '../ui/badge';
import { Dialog } from '../ui/dialog';
import { ProblemNotice } from '../ui/notices';
import { EditMailboxDialog, ReconnectDialog } from './mailbox-dialogs';
import { PROVIDERS } from './mailbox-form';
import { limitWords, syncWords } from './sync-words';

const HEALTH: Record<HealthStatus, { label: string; tone: Tone }> = {
  pass: { label: 'Good', tone: 'good' },
  warn: { label: 'Needs attention', tone: 'warn' },
  fail: { label: 'Failing', tone: 'bad' },
  unknown: { label: 'Could not check', tone: 'none' },
};

function HealthReport(props: { health: Health }) {
  const { health } = props;
  const rows: Array<[string, { status: HealthStatus; advice: string[] }]> = [
    ['SPF', health.spf],
    ['DKIM', health.dkim],
    ['DMARC', health.dmarc],
    ['Mailbox', health.mailbox],
  ];
  return (
    <div data-console-health={health.status}>
      <p className="s-small">
        Domain <strong>{health.domain}</strong>:{' '}
        <Badge tone={HEALTH[health.status].tone}>{HEALTH[health.status].label}</Badge>{' '}
        <span className="s-muted">checked {formatDateTime(health.checkedAt)}</span>
      </p>
      <ul className="s-list">
        {rows.map(([label, check]) => (
          <li key={label} className="s-reason s-small">
            <strong>{label}</strong>{' '}
            <Badge tone={HEALTH[check.status].tone}>{HEALTH[check.status].label}</Badge>
            {check.advice.map((a) => (
              <div key={a} className="s-muted">
                {a}
              </div>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}

type Open = 'edit' | 'reconnect' | 'unlink' | null;

/** One linked mailbox: status (and why inactive), limits, signature, health check and actions. */
export function MailboxCard(props: { mailbox: MailboxDto; onChanged(message?: string): void }) {
  const { mailbox: m } = props;
  const { api, now } = useConsole();
  const sync = syncWords(m, now());
  const [open, setOpen] = useState<Open>(null);
  const [health, setHealth] = useState<Health | null>(null);
  const check = useAction();
  const unlink = useAction();
  const provider = PROVIDERS.find((p) => p.value === m.provider)?.label ?? m.provider;
  const param = encodeParams({ id: m.id });
  const done = (message: string) => {
    setOpen(null);
    props.onChanged(message);
  };

  return (
    <section
      className="s-card"
      aria-label={m.address}
      data-console-mailbox={m.address}
      data-status={m.status}
    >
      <div className="s-row" style={{ justifyContent: 'space-between' }}>
        <strong>{m.address}</strong>
        <Badge tone={m.status === 'active' ? 'good' : 'bad'}>
          {m.status === 'active' ? 'Active' : 'Inactive'}
        </Badge>
      </div>
      {m.status === 'inactive' && (
        <p className="s-warn s-small" data-console-inactive-reason="">
          Not sending: {m.inactiveReason ?? 'no reason recorded'}. Emails through it are marked “Mailbox
          inactive” until you reconnect.
        </p>
      )}
      <div className="c-kv">
        <span className="s-muted">Provider</span>
        <span>{provider}</span>
        <span className="s-muted">Sender name</span>
        <span>{m.name || '—'}</span>
        <span className="s-muted">Limits</span>
        <span>
          {m.dailyLimit} a day · {m.hourlyLimit} an hour
        </span>
        <span className="s-muted">Today</span>
        <span data-console-effective-limit="">{limitWords(m)}</span>
        <span className="s-muted">Pacing</span>
        <span>
          {m.minGapSeconds > 0 ? `at least ${m.minGapSeconds} s between sends` : 'no gap between sends'}
          {m.recipientDomainDailyLimit !== null &&
            ` · at most ${m.recipientDomainDailyLimit} a day to one domain`}
        </span>
        <span className="s-muted">Reading replies</span>
        <span data-console-sync={m.sync.state}>
          <Badge tone={sync.tone}>{sync.label}</Badge> <span className="s-small">{sync.detail}</span>
        </span>
        <span className="s-muted">Signature</span>
        <span style={{ whiteSpace: 'pre-wrap' }}>{m.signature || '—'}</span>
        {m.webhookUrl && (
          <>
            <span className="s-muted">Event webhook</span>
            <code className="s-small">{m.webhookUrl}</code>
          </>
        )}
      </div>
      <div className="c-toolbar" style={{ marginTop: 8 }}>
        <button type="button" className="s-btn" onClick={() => setOpen('edit')}>
          Edit settings
        </button>
        <button
          type="button"
          className="s-btn"
          data-primary={m.status === 'inactive' ? '' : undefined}
          onClick={() => setOpen('reconnect')}
        >
          Reconnect
        </button>
        <button
          type="button"
          className="s-btn"
          disabled={check.busy}
          onClick={() =>
            check.run(async () =>
              setHealth(
                await api.call((s) => s.api.mailboxes[':id'].health.$get({ param, query: {} }), healthSchema),
              ),
            )
          }
        >
          {check.busy ? 'Checking…' : 'Check health'}
        </button>
        <button type="button" className="s-btn" data-danger="" onClick={() => setOpen('unlink')}>
          Unlink
        </button>
      </div>
      <ProblemNotice problem={check.error} />
      {health && <HealthReport health={health} />}
      {open === 'edit' && (
        <EditMailboxDialog mailbox={m} onClose={() => setOpen(null)} onSaved={() => done('Mailbox saved.')} />
      )}
      {open === 'reconnect' && <ReconnectDialog mailbox={m} onClose={() => setOpen(null)} onDone={done} />}
      {open === 'unlink' && (
        <Dialog
          title={`Unlink ${m.address}?`}
          submitLabel="Unlink"
          danger
          busy={unlink.busy}
          onClose={() => setOpen(null)}
          onSubmit={() =>
            unlink.run(async () => {
              const r = await api.call((s) => s.api.mailboxes[':id'].$delete({ param }), unlinkSchema);
              done(
                `${m.address} unlinked.${r.enrollmentsUpdated ? ` ${r.enrollmentsUpdated} enrollments no longer send through it.` : ''}`,
              );
            })
          }
        >
          <p className="s-small">
            Sequences stop sending through it; emails already sent keep their history.
          </p>
          <ProblemNotice problem={unlink.error} />
        </Dialog>
      )}
    </section>
  );
}

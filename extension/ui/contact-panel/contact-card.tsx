import type { Contact } from '../../../shared/schemas/contact';

/** "Clicked “acme.test/pricing” 2 days ago": the link by its address, the time in words. */
export function clickWords({ at, url }: { at: string; url: string }, now = Date.now()): string {
  const s = (Date.parse(at) - now) / 1000;
  const a = Math.abs(s);
  const [n, unit] = a >= 86400 ? [s / 86400, 'day'] : a >= 3600 ? [s / 3600, 'hour'] : [s / 60, 'minute'];
  const when = new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).format(Math.round(n), unit as 'day');
  return `Clicked “${url.replace(/^\w+:\/\/(www\.)?|\/?([?#].*)?$/g, '')}” ${when}`;
}

export function ContactCard({ contact }: { contact: Contact }) {
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.email || 'Contact';
  const role = [contact.title, contact.company].filter(Boolean).join(' at ');
  const flags = [
    contact.unsubscribed && 'Unsubscribed',
    contact.bounced && 'Bounced before',
    contact.jobChangeDetected && 'Job change detected',
  ].filter((f): f is string => !!f);
  return (
    <section className="s-card" aria-label="Contact" data-stride-contact={contact.id}>
      <h2 tabIndex={-1}>{name}</h2>
      {role && <div className="s-small">{role}</div>}
      <div className="s-small s-muted">{contact.email}</div>
      {contact.lastHumanClick && (
        <div className="s-small" title={contact.lastHumanClick.url} data-stride-last-click="">
          {clickWords(contact.lastHumanClick)}
        </div>
      )}
      {contact.phone && (
        <div className="s-small">
          {contact.phoneValid ? (
            <a href={`tel:${contact.phone}`} aria-label={`Call ${contact.phone}`}>
              {contact.phone}
            </a>
          ) : (
            // An unreadable number is shown as written but not offered as a link to dial.
            <span title="This number could not be read; check it before calling">
              {contact.phone} (unchecked)
            </span>
          )}
        </div>
      )}
      {contact.linkedinUrl && (
        <div className="s-small">
          <a href={contact.linkedinUrl} target="_blank" rel="noreferrer noopener">
            LinkedIn profile
          </a>
        </div>
      )}
      <div className="s-row" style={{ marginTop: 4 }}>
        {contact.stage && <span className="s-badge">{contact.stage}</span>}
        <span
          className="s-badge"
          data-tone={
            contact.emailStatus === 'verified' ? 'good' : contact.emailStatus === 'invalid' ? 'bad' : 'warn'
          }
        >
          Email {contact.emailStatus}
        </span>
        {flags.map((f) => (
          <span key={f} className="s-badge" data-tone="bad">
            {f}
          </span>
        ))}
      </div>
    </section>
  );
}

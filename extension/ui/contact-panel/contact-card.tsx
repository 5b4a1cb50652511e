import type { Contact } from '../../../shared/schemas/contact';
import type { ResultOf } from '../../../shared/schemas/extension-messages';

export function ContactCard({
  contact,
  lastClick,
}: {
  contact: Contact;
  lastClick?: ResultOf<'contact.lookup'>['lastClick'];
}) {
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
      {lastClick && (
        <div className="s-small" title={lastClick.url}>
          {lastClick.words}
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

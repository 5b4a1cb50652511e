import type { Contact } from '../../../../shared/schemas/contact';
import { contactName } from '../contact-directory';
import { hashOf } from '../hash-route';

/** Where a contact's page is: every row that names a contact links here. */
export const contactHref = (id: string) => hashOf(['contacts', id]);

/** The contact's name as a link to their page (a plain name while it loads or when unknown). */
export function ContactLink(props: { id: string; contact: Contact | null | undefined; loading?: boolean }) {
  if (props.loading) return <span>…</span>;
  if (!props.contact) return <span>{contactName(props.contact)}</span>;
  return (
    <a href={contactHref(props.id)} data-console-contact-link={props.id}>
      {contactName(props.contact)}
    </a>
  );
}

/** "Fix on the contact": the reason is the contact's data, so the fix is on their page. */
export function FixOnContact(props: { id: string }) {
  return (
    <a className="s-small" href={contactHref(props.id)} data-console-fix-contact={props.id}>
      Fix on the contact
    </a>
  );
}

import { useHashRoute } from '../hash-route';
import { ContactPage } from './contact-page';
import { ContactsList } from './contacts-list';

/** `#contacts` lists them; `#contacts/<id>` is one contact's page (linked from every row naming one). */
export function ContactsScreen() {
  const [parts] = useHashRoute('contacts');
  const id = parts[0];
  return id ? <ContactPage key={id} id={id} /> : <ContactsList />;
}

import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { clickWords } from '../../extension/background/explain';
import { ContactCard } from '../../extension/ui/contact-panel/contact-card';
import { contact } from './helpers/fake-api';

afterEach(cleanup);

describe('contact card phone and LinkedIn', () => {
  it('links a read number to tel: and the profile to LinkedIn', () => {
    render(
      <ContactCard
        contact={contact({
          phone: '+14155550132',
          phoneValid: true,
          linkedinUrl: 'https://www.linkedin.com/in/dana-lee',
        })}
      />,
    );
    expect(screen.getByRole('link', { name: 'Call +14155550132' }).getAttribute('href')).toBe(
      'tel:+14155550132',
    );
    expect(screen.getByRole('link', { name: 'LinkedIn profile' }).getAttribute('href')).toBe(
      'https://www.linkedin.com/in/dana-lee',
    );
  });

  it('shows an unreadable number as written, without a link to dial', () => {
    render(<ContactCard contact={contact({ phone: 'ask reception', phoneValid: false })} />);
    expect(screen.getByText('ask reception (unchecked)')).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Call/ })).toBeNull();
  });
});

describe("contact card's last human click", () => {
  const now = Date.parse('2026-12-03T12:00:00Z');

  it('says which link, and when, in words (the background writes them)', () => {
    const at = (ms: number) => new Date(now - ms).toISOString();
    const url = 'https://www.acme.test/pricing/?utm_source=stride#plans';
    expect(clickWords({ at: at(2 * 86_400_000), url }, now)).toBe('Clicked “acme.test/pricing” 2 days ago');
    expect(clickWords({ at: at(86_400_000), url: 'http://acme.test' }, now)).toBe(
      'Clicked “acme.test” yesterday',
    );
    expect(clickWords({ at: at(3 * 3_600_000), url }, now)).toBe('Clicked “acme.test/pricing” 3 hours ago');
    expect(clickWords({ at: at(5 * 60_000), url }, now)).toBe('Clicked “acme.test/pricing” 5 minutes ago');
  });

  it('shows it under the address, with the full link on hover, and nothing when there is none', () => {
    const url = 'https://acme.test/pricing?plan=team';
    const { unmount } = render(
      <ContactCard
        contact={contact()}
        lastClick={{ words: 'Clicked “acme.test/pricing” 2 days ago', url }}
      />,
    );
    const line = screen.getByText('Clicked “acme.test/pricing” 2 days ago');
    expect(line.getAttribute('title')).toBe(url);
    unmount();
    render(<ContactCard contact={contact()} lastClick={null} />);
    expect(screen.queryByText(/Clicked/)).toBeNull();
  });
});

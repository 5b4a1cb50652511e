import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
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

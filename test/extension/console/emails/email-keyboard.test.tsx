import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmailsScreen } from '../../../../extension/ui/console/emails/emails-screen';
import { type FakeServer, fakeServer, renderWithServer } from '../fake-server';
import { contact, contactsRoute, email, page, sequence } from '../fixtures';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const people = [
  contact({ id: 'c_ada' }),
  contact({ id: 'c_bo', firstName: 'Bo', lastName: 'Bounce', email: 'bo@acme.test' }),
  contact({ id: 'c_cy', firstName: 'Cy', lastName: 'Cole', email: 'cy@acme.test' }),
];

let server: FakeServer;
beforeEach(() => {
  server = fakeServer()
    .on('GET', /^\/api\/sequences$/, () => page([sequence()]))
    .on('GET', /^\/api\/mailboxes$/, () => page([]))
    .on('GET', /^\/api\/contacts$/, contactsRoute(people))
    .on('GET', /^\/api\/emails$/, () =>
      page([
        email({ id: 'em_1', contactId: 'c_ada', status: 'sent' }),
        email({
          id: 'em_2',
          contactId: 'c_bo',
          status: 'not_sent',
          reason: 'likely_to_bounce',
          sentAt: undefined,
        }),
        email({ id: 'em_3', contactId: 'c_cy', status: 'sent' }),
      ]),
    )
    .on('POST', /^\/api\/emails\/retry$/, (call) => ({
      retried: (call.body as { ids: string[] }).ids,
      skipped: [],
    }));
});

const key = (k: string, target: Element = document.body) => fireEvent.keyDown(target, { key: k });
const currentRow = () => document.querySelector('tr[data-current]') as HTMLElement;

describe('Emails screen by keyboard', () => {
  it('j and k move through the rows, focusing the current one', async () => {
    renderWithServer(<EmailsScreen />, server);
    await screen.findByRole('link', { name: 'Bo Bounce' });
    expect(currentRow().getAttribute('data-console-email')).toBe('ada@acme.test');
    key('j');
    expect(currentRow().getAttribute('data-console-email')).toBe('bo@acme.test');
    expect(document.activeElement).toBe(currentRow());
    key('j');
    key('j');
    expect(currentRow().getAttribute('data-console-email')).toBe('cy@acme.test');
    key('k');
    expect(currentRow().getAttribute('data-console-email')).toBe('bo@acme.test');
  });

  it('r retries the current not-sent email, only that one; on a sent email it says why not', async () => {
    renderWithServer(<EmailsScreen />, server);
    await screen.findByRole('link', { name: 'Bo Bounce' });
    key('r');
    expect(await screen.findByText(/only undelivered emails can be retried/)).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    key('j');
    key('r');
    const dialog = await screen.findByRole('dialog', { name: 'Retry 1 undelivered email' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('1 email queued again.')).toBeTruthy();
    expect(server.callsTo('POST', '/api/emails/retry').map((c) => c.body)).toEqual([
      { ids: ['em_2'], force: false },
    ]);
  });

  it('Enter opens the current email’s contact; / goes to the filters', async () => {
    renderWithServer(<EmailsScreen />, server);
    await screen.findByRole('link', { name: 'Bo Bounce' });
    key('j');
    key('Enter', currentRow());
    expect(window.location.hash).toBe('#contacts/c_bo');
    key('/');
    expect(document.activeElement).toBe(screen.getByLabelText('Sequence'));
  });

  it('never fires while typing or on Enter over a link; ? lists the keys', async () => {
    renderWithServer(<EmailsScreen />, server);
    const link = await screen.findByRole('link', { name: 'Bo Bounce' });
    const select = screen.getByLabelText('Not-sent reason');
    key('j', select);
    key('r', select);
    expect(currentRow().getAttribute('data-console-email')).toBe('ada@acme.test');
    expect(screen.queryByRole('dialog')).toBeNull();
    const before = window.location.hash;
    key('Enter', link);
    expect(window.location.hash).toBe(before);
    key('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts: Emails' });
    for (const label of ['Next email', 'Previous email', /Retry the current email/, /Open the current/])
      expect(within(help).getByText(label)).toBeTruthy();
    expect(within(help).getByText('Enter')).toBeTruthy();
  });
});

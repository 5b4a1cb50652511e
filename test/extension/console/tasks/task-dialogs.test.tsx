import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CompleteTaskDialog } from '../../../../extension/ui/console/tasks/task-dialogs';
import type { Task } from '../../../../shared/schemas/email';
import { fakeServer, renderWithServer } from '../fake-server';
import { contact } from '../fixtures';

afterEach(cleanup);

const task = (type: Task['type']): Task => ({
  id: 'tk_1',
  type,
  status: 'open',
  contactId: 'c_ada',
  ownerId: 'u_rep',
  dueAt: '2025-03-01T09:00:00.000Z',
});

const open = (type: Task['type'], who = contact()) =>
  renderWithServer(
    <CompleteTaskDialog
      task={task(type)}
      contact={who}
      instructions={null}
      onClose={() => {}}
      onDone={() => {}}
    />,
    fakeServer(),
  );

describe('completing a call or LinkedIn step', () => {
  it("offers the contact's number to call, as a tel: link", () => {
    open('call', contact({ phone: '+4930901820', phoneValid: true }));
    const link = screen.getByRole('link', { name: 'Call +4930901820' });
    expect(link.getAttribute('href')).toBe('tel:+4930901820');
  });

  it('says when the number was kept as written because it could not be read', () => {
    open('call', contact({ phone: 'ask reception', phoneValid: false }));
    expect(screen.getByText(/kept as written/)).toBeTruthy();
  });

  it('says there is no number rather than showing an empty link', () => {
    open('call', contact({ phone: null }));
    expect(screen.getByText('No phone number on this contact yet.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: /^Call/ })).toBeNull();
  });

  it("opens the contact's own LinkedIn profile, and searches only when there is none", () => {
    open('linkedin', contact({ linkedinUrl: 'https://www.linkedin.com/in/ada-lovelace' }));
    expect(
      screen.getByRole('link', { name: "Open Ada Lovelace's LinkedIn profile" }).getAttribute('href'),
    ).toBe('https://www.linkedin.com/in/ada-lovelace');
    cleanup();
    open('linkedin', contact({ linkedinUrl: null }));
    expect(
      screen.getByRole('link', { name: 'Find Ada Lovelace on LinkedIn' }).getAttribute('href'),
    ).toContain('linkedin.com/search');
  });
});

import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EmailsScreen } from '../../../../extension/ui/console/emails/emails-screen';
import { SequenceList } from '../../../../extension/ui/console/sequences/sequence-list';
import { TasksScreen } from '../../../../extension/ui/console/tasks/tasks-screen';
import { type FakeServer, fakeServer, renderWithServer, reply } from '../fake-server';
import { page, sequence } from '../fixtures';

afterEach(cleanup);

const me = { id: 'u_me', email: 'me@acme.test', name: 'Mo Me', role: 'admin' as const };
const teammate = (id: string, name: string, active = true) => ({
  id,
  email: `${id}@acme.test`,
  name,
  role: 'rep' as const,
  active,
});

let server: FakeServer;
beforeEach(() => {
  server = fakeServer()
    .on('GET', /^\/api\/me$/, () => me)
    .on('GET', /^\/api\/users$/, () =>
      page([
        { ...me, active: true },
        teammate('u_zed', 'Zed Zulu'),
        teammate('u_ann', 'Ann Able'),
        teammate('u_old', 'Old Gone', false),
      ]),
    )
    .on('GET', /^\/api\/tasks$/, () => page([]))
    .on('GET', /^\/api\/emails$/, () => page([]))
    .on('GET', /^\/api\/mailboxes$/, () => page([]))
    .on('GET', /^\/api\/sequences$/, () => page([sequence()]));
});

const optionsOf = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((o) => o.textContent);

describe('owner picker', () => {
  it('tasks: Mine by default, then active teammates by name; picking one asks the server for theirs', async () => {
    renderWithServer(<TasksScreen />, server);
    const picker = screen.getByLabelText('Whose tasks') as HTMLSelectElement;
    await vi.waitFor(() => expect(optionsOf(picker)).toEqual(['Mine', 'Ann Able', 'Zed Zulu']));
    expect(picker.value).toBe('');
    expect(server.callsTo('GET', '/api/tasks')[0]?.query.get('ownerId')).toBeNull();
    fireEvent.change(picker, { target: { value: 'u_ann' } });
    await vi.waitFor(() =>
      expect(server.callsTo('GET', '/api/tasks').at(-1)?.query.get('ownerId')).toBe('u_ann'),
    );
  });

  it('emails and sequences: Any owner by default, Mine, and teammates; the choice goes to the server', async () => {
    renderWithServer(<EmailsScreen />, server);
    const emails = screen.getByLabelText('Contact owner') as HTMLSelectElement;
    await vi.waitFor(() => expect(optionsOf(emails)).toEqual(['Any owner', 'Mine', 'Ann Able', 'Zed Zulu']));
    expect(emails.value).toBe('');
    fireEvent.change(emails, { target: { value: 'u_me' } });
    await vi.waitFor(() =>
      expect(server.callsTo('GET', '/api/emails').at(-1)?.query.get('ownerId')).toBe('u_me'),
    );
    cleanup();

    renderWithServer(<SequenceList onOpen={() => {}} />, server);
    const seqs = screen.getByLabelText('Owner') as HTMLSelectElement;
    await vi.waitFor(() => expect(optionsOf(seqs)).toHaveLength(4));
    fireEvent.change(seqs, { target: { value: 'u_zed' } });
    await vi.waitFor(() =>
      expect(server.callsTo('GET', '/api/sequences').at(-1)?.query.get('ownerId')).toBe('u_zed'),
    );
  });

  it('for a rep (the users route refuses) it offers Mine and Any alone', async () => {
    server.on('GET', /^\/api\/users$/, () =>
      reply(403, { error: { code: 'forbidden', message: 'admins only' } }),
    );
    renderWithServer(<EmailsScreen />, server);
    const picker = screen.getByLabelText('Contact owner');
    await vi.waitFor(() => expect(optionsOf(picker)).toEqual(['Any owner', 'Mine']));
    expect(screen.queryByText(/admins only/)).toBeNull();
  });
});

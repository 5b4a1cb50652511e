import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SequenceContacts } from '../../../extension/ui/console/contacts/sequence-contacts';
import type { Enrollment } from '../../../shared/schemas/enrollment';
import { type FakeServer, fakeServer, renderWithServer, reply } from './fake-server';
import { contact, enrollment, page, sequence } from './fixtures';

afterEach(cleanup);

const people = [
  contact({ id: 'c1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' }),
  contact({ id: 'c2', firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.test' }),
  contact({ id: 'c3', firstName: 'Alan', lastName: 'Turing', email: 'alan@bletchley.test' }),
  contact({ id: 'c4', firstName: 'Linus', lastName: 'Pauling', email: 'linus@caltech.test' }),
];
const counts = { active: 1, scheduled: 0, paused: 2, finished: 1, bounced: 0, not_sent: 0, removed: 0 };

let server: FakeServer;
let enrollments: Enrollment[];
beforeEach(() => {
  enrollments = [
    enrollment({ id: 'e1', contactId: 'c1', status: 'active', nextRunAt: '2025-03-04T09:00:00Z' }),
    enrollment({ id: 'e2', contactId: 'c2', status: 'paused', pausedReason: 'manual' }),
    enrollment({
      id: 'e3',
      contactId: 'c3',
      status: 'paused',
      pausedReason: 'out_of_office',
      resumeAt: '2025-03-10T08:00:00Z',
    }),
    enrollment({ id: 'e4', contactId: 'c4', status: 'finished', finishedReason: 'replied' }),
  ];
  server = fakeServer()
    .on('GET', /^\/api\/enrollments$/, (call) => {
      const status = call.query.get('status');
      return page(enrollments.filter((e) => !status || e.status === status));
    })
    .on('GET', /^\/api\/contacts\/(\w+)$/, (_, m) => people.find((p) => p.id === m[1]) ?? reply(404))
    .on('GET', /^\/api\/contacts$/, (call) => {
      const q = (call.query.get('q') ?? '').toLowerCase();
      return page(people.filter((p) => `${p.firstName} ${p.lastName} ${p.email}`.toLowerCase().includes(q)));
    })
    .on('POST', /^\/api\/enrollments\/(\w+)\/pause$/, (call, m) => {
      const e = enrollments.find((x) => x.id === m[1]);
      if (!e) return reply(404);
      Object.assign(e, {
        status: 'paused',
        pausedReason: 'manual',
        resumeAt: (call.body as { resumeAt?: string }).resumeAt,
      });
      return e;
    })
    .on('GET', /^\/api\/sequences\/s_1$/, () => sequence({ counts }));
});

const rows = () =>
  [...document.querySelectorAll('[data-console-enrollment]')].map((r) =>
    r.getAttribute('data-console-enrollment'),
  );

async function renderContacts() {
  const onChanged = vi.fn();
  renderWithServer(<SequenceContacts sequence={sequence({ counts })} onChanged={onChanged} />, server);
  await waitFor(() =>
    expect(rows()).toEqual(['ada@acme.test', 'grace@navy.test', 'alan@bletchley.test', 'linus@caltech.test']),
  );
  return onChanged;
}

describe('contacts of a sequence', () => {
  it('filters by status on the server, by kind of pause and by search here', async () => {
    await renderContacts();
    const chips = within(screen.getByRole('group', { name: 'Filter by status' }));
    expect(chips.getByRole('button', { name: /^All/ }).textContent).toBe('All 4');
    expect(chips.getByRole('button', { name: /^Paused/ }).textContent).toBe('Paused 2');

    fireEvent.click(chips.getByRole('button', { name: /^Paused/ }));
    await waitFor(() => expect(rows()).toEqual(['grace@navy.test', 'alan@bletchley.test']));
    expect(server.callsTo('GET', '/api/enrollments').at(-1)?.query.get('status')).toBe('paused');
    expect(screen.getByText('Out of office; resumes Mar 10, 2025')).toBeTruthy();

    fireEvent.change(screen.getByRole('combobox', { name: 'Kind of pause' }), {
      target: { value: 'out_of_office' },
    });
    expect(rows()).toEqual(['alan@bletchley.test']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Kind of pause' }), {
      target: { value: 'no_auto_resume' },
    });
    expect(rows()).toEqual(['grace@navy.test']);

    fireEvent.click(chips.getByRole('button', { name: /^All/ }));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search contacts by name or email' }), {
      target: { value: 'lin' },
    });
    await waitFor(() => expect(rows()).toEqual(['linus@caltech.test']));
    expect(server.callsTo('GET', '/api/contacts').at(-1)?.query.get('q')).toBe('lin');

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search contacts by name or email' }), {
      target: { value: 'nobody' },
    });
    await screen.findByText('No contact matches these filters');
  });

  it('pauses the selection until a date, skipping contacts whose status does not allow it', async () => {
    const onChanged = await renderContacts();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Ada Lovelace' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Linus Pauling' }));
    // Linus has finished: only Ada can be paused.
    fireEvent.click(screen.getByRole('button', { name: 'Pause (1)' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Pause 1 contact' }));
    const date = dialog.getByLabelText('Resume automatically on (optional)');
    expect(document.activeElement).toBe(date);
    fireEvent.change(date, { target: { value: '2025-03-01T09:00' } });
    expect(dialog.getByText('Pick a moment in the future.')).toBeTruthy();
    fireEvent.change(date, { target: { value: '2025-03-20T09:00' } });
    fireEvent.submit(date.closest('form') as HTMLFormElement);

    await screen.findByText('1 contact paused. 1 skipped: their status does not allow it.');
    const calls = server.callsTo('POST', /\/pause$/);
    expect(calls.map((c) => c.path)).toEqual(['/api/enrollments/e1/pause']);
    expect(calls[0]?.body).toEqual({ resumeAt: new Date('2025-03-20T09:00').toISOString() });
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(expect.objectContaining({ id: 's_1' })));
  });

  it('closes a bulk dialog with Escape without changing anything', async () => {
    await renderContacts();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Grace Hopper' }));
    fireEvent.click(screen.getByRole('button', { name: 'Mark finished (1)' }));
    const dialog = screen.getByRole('dialog', { name: 'Mark 1 contact as finished' });
    fireEvent.keyDown(within(dialog).getByRole('combobox', { name: 'Reason' }), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(server.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });
});

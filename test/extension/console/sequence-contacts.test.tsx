import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SequenceContacts } from '../../../extension/ui/console/contacts/sequence-contacts';
import type { Enrollment } from '../../../shared/schemas/enrollment';
import { type FakeServer, fakeServer, renderWithServer } from './fake-server';
import { contact, contactsRoute, enrollment, page, sequence } from './fixtures';

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
/** Ids the fake server refuses in a bulk call, with the server's message (a change made meanwhile). */
let refuse: Map<string, string>;

type BulkBody = { ids: string[]; action: string; resumeAt?: string; reason?: string };
function applyBulk(e: Enrollment, body: BulkBody) {
  if (body.action === 'pause')
    Object.assign(e, { status: 'paused', pausedReason: 'manual', resumeAt: body.resumeAt });
  if (body.action === 'resume')
    Object.assign(e, { status: 'active', pausedReason: undefined, resumeAt: undefined });
  if (body.action === 'finish') Object.assign(e, { status: 'finished', finishedReason: body.reason });
  if (body.action === 'remove') Object.assign(e, { status: 'removed' });
}

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
  refuse = new Map();
  server = fakeServer()
    .on('GET', /^\/api\/enrollments$/, (call) => {
      const status = call.query.get('status');
      const q = call.query.get('q')?.toLowerCase();
      const matches = (e: Enrollment) => {
        const p = people.find((c) => c.id === e.contactId);
        return !q || `${p?.firstName} ${p?.lastName} ${p?.email}`.toLowerCase().includes(q);
      };
      return page(enrollments.filter((e) => (!status || e.status === status) && matches(e)));
    })
    .on('GET', /^\/api\/contacts$/, contactsRoute(people))
    .on('POST', /^\/api\/enrollments\/bulk$/, (call) => {
      const body = call.body as BulkBody;
      return {
        results: body.ids.map((id) => {
          const e = enrollments.find((x) => x.id === id);
          if (!e) return { id, ok: false, error: { code: 'not_found', message: 'enrollment not found' } };
          const refused = refuse.get(id);
          if (refused) return { id, ok: false, error: { code: 'conflict', message: refused } };
          applyBulk(e, body);
          return { id, ok: true, enrollment: e };
        }),
      };
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
  it('filters by status and search on the server, by kind of pause here; names come in one lookup', async () => {
    await renderContacts();
    expect(server.callsTo('GET', '/api/contacts').map((c) => c.query.get('ids'))).toEqual(['c1,c2,c3,c4']);
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
      target: { value: ' LIN ' },
    });
    await waitFor(() => expect(rows()).toEqual(['linus@caltech.test']));
    const searched = server.callsTo('GET', '/api/enrollments').at(-1);
    expect(searched?.query.get('q')).toBe('LIN');
    expect(searched?.query.get('sequenceId')).toBe('s_1');
    expect(searched?.query.has('status')).toBe(false);
    // The search is the server's now: no contact search, and no new name lookups for known people.
    expect(server.calls.filter((c) => c.path === '/api/contacts' && c.query.has('q'))).toEqual([]);
    expect(server.callsTo('GET', '/api/contacts')).toHaveLength(1);

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
    const calls = server.calls.filter((c) => c.method !== 'GET');
    expect(calls.map((c) => c.path)).toEqual(['/api/enrollments/bulk']);
    expect(calls[0]?.body).toEqual({
      ids: ['e1'],
      action: 'pause',
      resumeAt: new Date('2025-03-20T09:00').toISOString(),
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(expect.objectContaining({ id: 's_1' })));
  });

  it('finishes the selection in one request and reports those the server refused', async () => {
    await renderContacts();
    refuse.set('e2', 'the enrollment is already finished');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
    // Linus has finished already: three are sent, one is skipped here.
    fireEvent.click(screen.getByRole('button', { name: 'Mark finished (3)' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Mark 3 contacts as finished' }));
    fireEvent.change(dialog.getByRole('combobox', { name: 'Reason' }), {
      target: { value: 'meeting_booked' },
    });
    fireEvent.click(dialog.getByRole('button', { name: 'Mark finished' }));

    await screen.findByText(
      "2 contacts marked finished. 1 skipped: their status does not allow it. 1 could not be changed. That didn't work: the enrollment is already finished.",
    );
    const posts = server.calls.filter((c) => c.method !== 'GET');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toEqual({ ids: ['e1', 'e2', 'e3'], action: 'finish', reason: 'meeting_booked' });
    expect(enrollments.map((e) => e.status)).toEqual(['finished', 'paused', 'finished', 'finished']);
    await waitFor(() => expect(screen.getAllByText('Finished: meeting booked')).toHaveLength(2));
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

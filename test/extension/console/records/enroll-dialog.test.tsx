import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EnrollContactsDialog } from '../../../../extension/ui/console/records/enroll-dialog';
import type { EnrollResult } from '../../../../shared/schemas/enrollment';
import { type FakeServer, fakeServer, renderWithServer, reply } from '../fake-server';
import { contact, contactsRoute, enrollment, page, sequence } from '../fixtures';

afterEach(cleanup);

const people = [
  contact({ id: 'c_ada' }),
  contact({ id: 'c_bob', firstName: 'Bob', lastName: 'Byte', email: 'bob@acme.test', company: 'Bytes' }),
  contact({ id: 'c_cy', firstName: 'Cy', lastName: 'Cole', email: 'cy@acme.test', company: 'Coles' }),
  contact({ id: 'c_di', firstName: 'Di', lastName: 'Dune', email: 'di@acme.test' }),
  contact({ id: 'c_ed', firstName: null, lastName: 'Edge', email: 'ed@acme.test' }),
];
const ids = people.map((p) => p.id);

/** What the server's dry run decides for these five: two ready, one in already, two warned. */
const check: EnrollResult = {
  enrollments: [],
  warnings: [],
  rejected: [
    { contactId: 'c_di', code: 'already_in_sequence' },
    { contactId: 'c_cy', code: 'unverified_email' },
    { contactId: 'c_ed', code: 'missing_dynamic_variable' },
  ],
  missingVariables: [{ contactId: 'c_ed', names: ['firstName'] }],
};

let server: FakeServer;
let enrollAnswer: () => unknown;
beforeEach(() => {
  enrollAnswer = () => ({
    enrollments: [
      enrollment({ id: 'e_ada', contactId: 'c_ada' }),
      enrollment({ id: 'e_bob', contactId: 'c_bob' }),
    ],
    warnings: [],
    rejected: check.rejected,
  });
  server = fakeServer()
    .on('GET', /^\/api\/sequences$/, () => page([sequence()]))
    .on('GET', /^\/api\/mailboxes$/, () => page([]))
    .on('GET', /^\/api\/contacts$/, contactsRoute(people))
    .on('POST', /^\/api\/sequences\/s_1\/enrollments$/, (call) =>
      (call.body as { dryRun?: boolean }).dryRun ? check : enrollAnswer(),
    );
});

const enrollCalls = () =>
  server
    .callsTo('POST', '/api/sequences/s_1/enrollments')
    .filter((c) => !(c.body as { dryRun?: boolean }).dryRun);

async function openAndCheck() {
  const onEnrolled = vi.fn();
  renderWithServer(
    <EnrollContactsDialog contactIds={ids} onClose={() => {}} onEnrolled={onEnrolled} />,
    server,
  );
  const dialog = await screen.findByRole('dialog', { name: 'Enroll 5 contacts' });
  const picker = within(dialog).getByLabelText('Sequence');
  await within(dialog).findByRole('option', { name: 'Q3 Outreach' });
  fireEvent.change(picker, { target: { value: 's_1' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Check before enrolling' }));
  await within(dialog).findByText(/ready to enroll in Q3 Outreach/);
  return { dialog, onEnrolled };
}

describe('enroll dialog (dry run first)', () => {
  it('tells ready from already-in contacts and shows warnings in words, missing variables by contact', async () => {
    const { dialog } = await openAndCheck();
    const [dry] = server.callsTo('POST', '/api/sequences/s_1/enrollments');
    expect(dry?.body).toEqual({ contactIds: ids, dryRun: true });
    expect(within(dialog).getByRole('status').textContent).toBe(
      '2 contacts ready to enroll in Q3 Outreach. 1 contact is already in this sequence and will be left as they are.',
    );
    const warnings = [...dialog.querySelectorAll('[data-console-enroll-warning]')];
    expect(warnings.map((w) => w.getAttribute('data-console-enroll-warning'))).toEqual([
      'already_in_sequence',
      'unverified_email',
      'missing_dynamic_variable',
    ]);
    const missing = dialog.querySelector(
      '[data-console-enroll-warning="missing_dynamic_variable"]',
    ) as HTMLElement;
    expect(missing.textContent).toContain('Missing variable (1)');
    expect(missing.textContent).toContain('has no value for');
    expect(within(missing).getByRole('link', { name: /Edge/ }).getAttribute('href')).toBe('#contacts/c_ed');
    expect(missing.textContent).toContain(': no firstName');
    expect(within(dialog).getByText(/Unverified email \(1\)/)).toBeTruthy();
    // Words, not codes: no snake_case reaches the rep anywhere in the dialog's text.
    expect(dialog.textContent).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    expect(within(dialog).getByRole('button', { name: 'Enroll with warnings too (2)' })).toBeTruthy();
  });

  it('previews the first email for the first three contacts not already in', async () => {
    const { dialog } = await openAndCheck();
    const preview = dialog.querySelector('[data-console-enroll-preview]') as HTMLElement;
    expect(within(preview).getByRole('heading').textContent).toBe('First email, as 3 contacts would get it');
    const cards = [...preview.querySelectorAll('.c-preview-card')] as HTMLElement[];
    expect(cards.map((c) => c.querySelector('.s-muted')?.textContent)).toEqual([
      'To Ada Lovelace',
      'To Bob Byte',
      'To Cy Cole',
    ]);
    expect(cards.map((c) => c.querySelector('strong')?.textContent)).toEqual([
      'Hello Ada',
      'Hello Bob',
      'Hello Cy',
    ]);
    expect(cards[1]?.textContent).toContain('Hi Bob, a question about Bytes.');
    expect(preview.textContent).not.toContain('Di Dune');
  });

  it('the enroll button submits once, then shows what happened', async () => {
    const { dialog, onEnrolled } = await openAndCheck();
    const enroll = within(dialog).getByRole('button', { name: 'Enroll 2 contacts' });
    fireEvent.click(enroll);
    fireEvent.click(enroll);
    expect(await screen.findByText('2 contacts enrolled. 3 contacts not enrolled.')).toBeTruthy();
    expect(enrollCalls()).toHaveLength(1);
    expect(enrollCalls()[0]?.body).toEqual({ contactIds: ids });
    expect(onEnrolled).toHaveBeenCalledTimes(1);
    expect(onEnrolled).toHaveBeenCalledWith('2 contacts enrolled in Q3 Outreach.');
  });

  it('an error from the server reads as a sentence and loses nothing; enrolling again works', async () => {
    enrollAnswer = () =>
      reply(409, { error: { code: 'conflict', message: 'the sequence was archived meanwhile' } });
    const { dialog, onEnrolled } = await openAndCheck();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enroll 2 contacts' }));
    const problem = await within(dialog).findByText(/the sequence was archived meanwhile/i);
    expect(problem.textContent).not.toMatch(/\bconflict\b|409/);
    expect(onEnrolled).not.toHaveBeenCalled();
    // The choice and the check are still there; nothing to redo.
    expect((within(dialog).getByLabelText('Sequence') as HTMLSelectElement).value).toBe('s_1');
    expect(within(dialog).getByText(/2 contacts ready to enroll/)).toBeTruthy();
    expect(dialog.querySelectorAll('.c-preview-card')).toHaveLength(3);

    enrollAnswer = () => ({
      enrollments: [enrollment({ id: 'e_ada', contactId: 'c_ada' })],
      warnings: [],
      rejected: [],
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enroll 2 contacts' }));
    expect(await screen.findByText('1 contact enrolled.')).toBeTruthy();
    expect(enrollCalls()).toHaveLength(2);
    expect(onEnrolled).toHaveBeenCalledWith('1 contact enrolled in Q3 Outreach.');
  });
});

import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleProvider } from '../../../../extension/ui/console/console-context';
import { ContactsScreen } from '../../../../extension/ui/console/records/contacts-screen';
import { memoryViewStore } from '../../../../extension/ui/console/records/saved-views';
import type { Contact } from '../../../../shared/schemas/contact';
import type { TimelineItem } from '../../../../shared/schemas/timeline';
import { type FakeServer, fakeServer, reply, servicesFor } from '../fake-server';
import { contact, contactsRoute, page } from '../fixtures';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const T = '2025-03-02T09:00:00.000Z';
const item = (o: Partial<TimelineItem> & { id: string; kind: TimelineItem['kind'] }): TimelineItem => ({
  at: T,
  actor: null,
  enrollmentId: null,
  sequence: null,
  email: null,
  data: {},
  ...o,
});

let people: Contact[];
let server: FakeServer;
beforeEach(() => {
  people = [
    contact(),
    contact({ id: 'c_bob', email: 'bob@acme.test', firstName: 'Bob', lastName: 'Byte', stage: 'lead' }),
  ];
  server = fakeServer()
    .on('GET', /^\/api\/me$/, () => ({ id: 'u_rep', email: 'rep@acme.test', name: 'Rita Rep', role: 'rep' }))
    .on('GET', /^\/api\/lists$/, () =>
      page([{ id: 'l_1', name: 'Q2 leads', ownerId: null, memberCount: 2, createdAt: T }]),
    )
    .on('GET', /^\/api\/contacts$/, contactsRoute(people))
    .on('GET', /^\/api\/sequences$/, () => page([]))
    .on('GET', /^\/api\/enrollments$/, () => page([]))
    .on('GET', /^\/api\/emails$/, () => page([]))
    .on(
      'GET',
      /^\/api\/contacts\/(\w+)$/,
      (_c, m) =>
        people.find((p) => p.id === m[1]) ??
        reply(404, { error: { code: 'not_found', message: 'contact not found' } }),
    )
    .on('GET', /^\/api\/contacts\/(\w+)\/timeline$/, (call) =>
      call.query.get('cursor')
        ? page([item({ id: 'a_1', kind: 'contact_created' })])
        : {
            items: [
              item({
                id: 'a_3',
                kind: 'email.not_sent',
                data: { reasons: ['missing_dynamic_variable'] },
                sequence: { id: 's_1', name: 'Q3 Outreach' },
              }),
              item({
                id: 'a_2',
                kind: 'enrollment.paused',
                actor: { id: 'u_rep', name: 'Rita Rep' },
                data: { reason: 'manual' },
              }),
            ],
            nextCursor: 'a_2',
          },
    );
});

function renderScreen(views = memoryViewStore()) {
  return render(
    <ConsoleProvider services={{ ...servicesFor(server), views }}>
      <ContactsScreen />
    </ConsoleProvider>,
  );
}

describe('contacts screen', () => {
  it('lists contacts linking to their page, filters by list and status, and says when nothing matches', async () => {
    renderScreen();
    expect(screen.getByText('Loading contacts…')).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Contacts' });
    expect(within(table).getByRole('link', { name: 'Bob Byte' }).getAttribute('href')).toBe(
      '#contacts/c_bob',
    );
    fireEvent.change(screen.getByLabelText('List'), { target: { value: 'l_1' } });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'not_enrolled' } });
    await waitFor(() => {
      const last = server.callsTo('GET', '/api/contacts').at(-1);
      expect(last?.query.get('listId')).toBe('l_1');
      expect(last?.query.get('status')).toBe('not_enrolled');
    });
    expect(screen.getByRole('button', { name: 'Rename list' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Search contacts'), { target: { value: 'nobody-here' } });
    expect(await screen.findByText('No contact matches')).toBeTruthy();
  });

  it('shows an empty screen that leads to the import, and a failure with a way to try again', async () => {
    people = [];
    server.on('GET', /^\/api\/contacts$/, () => page([]));
    renderScreen();
    expect(await screen.findByText('No contacts yet')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Import tab' }).getAttribute('href')).toBe('#import');
    cleanup();
    server.on('GET', /^\/api\/contacts$/, () => reply(500, { error: { code: 'internal', message: 'boom' } }));
    renderScreen();
    expect(await screen.findByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('keeps the rows it has while a refresh runs (stale, not blank)', async () => {
    let release: () => void = () => {};
    renderScreen();
    await screen.findByRole('table', { name: 'Contacts' });
    server.on(
      'GET',
      /^\/api\/contacts$/,
      (call) => new Promise((r) => (release = () => r(contactsRoute(people)(call)))),
    );
    fireEvent.change(screen.getByLabelText('Stage'), { target: { value: 'lead' } });
    await screen.findByText('Refreshing…');
    expect(screen.getByRole('table', { name: 'Contacts' })).toBeTruthy();
    await act(async () => release());
  });

  it('saves a view per user and brings it back', async () => {
    const views = memoryViewStore();
    const prompt = window.prompt;
    window.prompt = () => 'Bobs';
    try {
      renderScreen(views);
      await screen.findByRole('table', { name: 'Contacts' });
      fireEvent.change(screen.getByLabelText('Search contacts'), { target: { value: 'bob' } });
      fireEvent.click(screen.getByRole('button', { name: 'Save this view' }));
      await waitFor(async () => expect((await views.load('u_rep')).map((v) => v.name)).toEqual(['Bobs']));
      expect(await views.load('someone_else')).toEqual([]);
    } finally {
      window.prompt = prompt;
    }
  });

  it('selects all matching contacts and offers to enroll them or add them to a list', async () => {
    renderScreen();
    await screen.findByRole('table', { name: 'Contacts' });
    fireEvent.click(screen.getByLabelText('Select every contact on this page'));
    fireEvent.click(screen.getByRole('button', { name: 'Select all matching contacts' }));
    expect(await screen.findByText('All 2 matching contacts are selected.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add to a list' }));
    expect(await screen.findByRole('dialog', { name: 'Add 2 contacts to a list' })).toBeTruthy();
  });
});

describe('contact page', () => {
  it('edits a field, shows the server’s field error inline and keeps the edit', async () => {
    window.location.hash = '#contacts/c_ada';
    server.on('PATCH', /^\/api\/contacts\/c_ada$/, () =>
      reply(400, {
        error: {
          code: 'validation_failed',
          message: 'invalid body',
          details: [
            {
              path: 'linkedinUrl',
              message: 'use a LinkedIn profile URL such as https://www.linkedin.com/in/name',
            },
          ],
        },
      }),
    );
    renderScreen();
    const input = await screen.findByLabelText('LinkedIn profile');
    fireEvent.change(input, { target: { value: 'not a url' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(/use a LinkedIn profile URL/)).toBeTruthy();
    expect((screen.getByLabelText('LinkedIn profile') as HTMLInputElement).value).toBe('not a url');
    expect(screen.getByLabelText('LinkedIn profile').getAttribute('aria-invalid')).toBe('true');
    expect(server.callsTo('PATCH', '/api/contacts/c_ada').map((c) => c.body)).toEqual([
      { linkedinUrl: 'not a url' },
    ]);

    server.on('PATCH', /^\/api\/contacts\/c_ada$/, (call) => {
      Object.assign(people[0] as Contact, call.body, { updatedAt: '2025-03-03T10:00:00.000Z' });
      return people[0];
    });
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'CEO' } });
    fireEvent.change(screen.getByLabelText('LinkedIn profile'), { target: { value: '' } });
    const save = screen.getByRole('button', { name: 'Save changes' });
    save.focus();
    fireEvent.click(save);
    await waitFor(() => expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('CEO'));
    expect(server.callsTo('PATCH', '/api/contacts/c_ada').at(-1)?.body).toEqual({ title: 'CEO' });
    // The page reloads the contact after the save, but the form is not rebuilt: "Saved." stays said
    // and focus stays on the button that saved.
    await screen.findByText('Saved.');
    await waitFor(() => expect(server.callsTo('GET', '/api/contacts/c_ada').length).toBeGreaterThan(1));
    expect(screen.getByText('Saved.')).toBeTruthy();
    expect(document.activeElement).toBe(save);
  });

  it('tells the history in words, with who acted, a fix for a contact-data reason, and older entries on request', async () => {
    window.location.hash = '#contacts/c_ada';
    renderScreen();
    const timeline = await screen.findByRole('region', { name: 'What happened' });
    const entries = await within(timeline).findAllByRole('listitem');
    expect(entries[0]?.textContent).toContain('Email not sent');
    expect(entries[0]?.textContent).toContain('Missing dynamic variable');
    expect(entries[0]?.textContent).not.toContain('missing_dynamic_variable');
    expect(entries[1]?.textContent).toContain('Rita Rep');
    fireEvent.click(within(timeline).getByRole('button', { name: 'Fix on the contact' }));
    expect(document.activeElement?.tagName).toBe('INPUT');
    fireEvent.click(within(timeline).getByRole('button', { name: 'Show older' }));
    expect(await within(timeline).findByText('Contact created')).toBeTruthy();
    expect(within(timeline).queryByRole('button', { name: 'Show older' })).toBeNull();
  });

  it('says when the contact cannot be found, with a way back', async () => {
    window.location.hash = '#contacts/c_gone';
    renderScreen();
    expect(await screen.findByText(/not found|no longer/i)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to contacts' })).toBeTruthy();
  });

  it('has no serious accessibility findings on the list and the contact page (axe, layout rules aside)', async () => {
    const check = async () => {
      const result = await axe.run(document.body, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice'] },
        rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
      });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help}`);
    };
    renderScreen();
    await screen.findByRole('table', { name: 'Contacts' });
    expect(await check()).toEqual([]);
    cleanup();
    window.location.hash = '#contacts/c_ada';
    renderScreen();
    await screen.findByRole('region', { name: 'What happened' });
    await screen.findAllByText(/Email not sent/);
    expect(await check()).toEqual([]);
  }, 30_000);
});

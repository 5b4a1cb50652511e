import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleProvider } from '../../../extension/ui/console/console-context';
import { ContactPage } from '../../../extension/ui/console/records/contact-page';
import { ContactsList } from '../../../extension/ui/console/records/contacts-list';
import type { Contact } from '../../../shared/schemas/contact';
import type { Enrollment } from '../../../shared/schemas/enrollment';
import { type FakeServer, fakeServer, servicesFor } from './fake-server';
import { contact, contactsRoute, enrollment, page, sequence } from './fixtures';
import {
  clickTryAgain,
  expectAnnounced,
  expectNoSeriousAxe,
  expectReadableAlert,
  held,
  manualFeed,
  serverDown,
} from './screen-state-checks';

afterEach(cleanup);

/*
 * The Contacts list and a contact's page: loading, empty (with a next step), error (a sentence, Try
 * again recovers) and stale: both follow the live feed, so a change made elsewhere shows without a
 * reload.
 */

function renderWith(ui: ReactElement, server: FakeServer) {
  const live = manualFeed();
  render(<ConsoleProvider services={{ ...servicesFor(server), live }}>{ui}</ConsoleProvider>);
  return live;
}

const listServer = (contacts: (call: Parameters<ReturnType<typeof contactsRoute>>[0]) => unknown) =>
  fakeServer()
    .on('GET', /^\/api\/me$/, () => ({ id: 'u_rep', email: 'rep@acme.test', name: 'Rita Rep', role: 'rep' }))
    .on('GET', /^\/api\/lists$/, () => page([]))
    .on('GET', /^\/api\/contacts$/, contacts);

describe('Contacts list states', () => {
  it('loading: announced until the answer comes, then the contacts', async () => {
    const gate = held();
    const all = contactsRoute([contact()]);
    renderWith(
      <ContactsList />,
      listServer((call) => gate.wait(() => all(call))),
    );
    expectAnnounced(await screen.findByText('Loading contacts…'));
    gate.release();
    expect(await screen.findByRole('link', { name: 'Ada Lovelace' })).toBeTruthy();
    expect(screen.queryByText('Loading contacts…')).toBeNull();
  });

  it('empty: no contacts yet, and where to bring them in', async () => {
    renderWith(
      <ContactsList />,
      listServer(() => page([])),
    );
    const empty = (await screen.findByText('No contacts yet')).closest('.c-empty') as HTMLElement;
    expect(within(empty).getByRole('link', { name: 'Import tab' }).getAttribute('href')).toBe('#import');
    await expectNoSeriousAxe();
  });

  it('error: a sentence, no code; Try again recovers', async () => {
    let fail = true;
    const all = contactsRoute([contact()]);
    renderWith(
      <ContactsList />,
      listServer((call) => (fail ? serverDown() : all(call))),
    );
    await expectReadableAlert();
    await expectNoSeriousAxe();
    fail = false;
    await clickTryAgain();
    expect(await screen.findByRole('link', { name: 'Ada Lovelace' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('stale: a contact changed elsewhere updates its row without a reload', async () => {
    let people: Contact[] = [contact({ stage: 'lead' })];
    const live = renderWith(
      <ContactsList />,
      listServer((call) => contactsRoute(people)(call)),
    );
    const row = () => document.querySelector('[data-console-contact="ada@acme.test"]') as HTMLElement | null;
    await waitFor(() => expect(row()?.textContent).toContain('lead'));
    people = [contact({ stage: 'customer', company: 'Analytical Engines' })];
    act(() => live.fire());
    await waitFor(() => expect(row()?.textContent).toContain('customer'));
    expect(row()?.textContent).toContain('Analytical Engines');
    expect(screen.queryByText('Loading contacts…')).toBeNull();
  });
});

function pageServer(o: {
  contact?: () => unknown;
  enrollments?: () => Enrollment[];
  timeline?: () => unknown;
}) {
  return fakeServer()
    .on('GET', /^\/api\/contacts\/c_ada$/, o.contact ?? (() => contact()))
    .on('GET', /^\/api\/contacts\/c_ada\/timeline$/, o.timeline ?? (() => page([])))
    .on('GET', /^\/api\/contacts$/, contactsRoute([contact()]))
    .on('GET', /^\/api\/enrollments$/, () => page(o.enrollments?.() ?? []))
    .on('GET', /^\/api\/emails$/, () => page([]))
    .on('GET', /^\/api\/sequences$/, () => page([sequence()]))
    .on('GET', /^\/api\/mailboxes$/, () => page([]))
    .on('GET', /^\/api\/snippets$/, () => page([]));
}

const heading = () => screen.findByRole('heading', { name: /Ada Lovelace/ });

describe('Contact page states', () => {
  it('loading: announced until the contact comes, then the record', async () => {
    const gate = held();
    renderWith(<ContactPage id="c_ada" />, pageServer({ contact: () => gate.wait(() => contact()) }));
    expectAnnounced(await screen.findByText('Loading the contact…'));
    gate.release();
    expect(await heading()).toBeTruthy();
    expect(screen.queryByText('Loading the contact…')).toBeNull();
  });

  it('empty: a contact with no sequence, email or history has a way in, not a dead end', async () => {
    renderWith(<ContactPage id="c_ada" />, pageServer({}));
    await heading();
    expect(await screen.findByText('No email yet.')).toBeTruthy();
    expect(await screen.findByText('Nothing has happened yet')).toBeTruthy();
    const enroll = await screen.findByRole('button', { name: 'Enroll in a sequence' });
    await expectNoSeriousAxe();
    fireEvent.click(enroll);
    expect(await screen.findByRole('dialog')).toBeTruthy();
  });

  it('error: a sentence, no code, the way back; Try again recovers', async () => {
    let fail = true;
    renderWith(<ContactPage id="c_ada" />, pageServer({ contact: () => (fail ? serverDown() : contact()) }));
    await expectReadableAlert();
    expect(screen.getByRole('link', { name: 'Back to contacts' })).toBeTruthy();
    await expectNoSeriousAxe();
    fail = false;
    await clickTryAgain();
    expect(await heading()).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('error in one part (the history) leaves the rest, and its Try again recovers it', async () => {
    let fail = true;
    renderWith(<ContactPage id="c_ada" />, pageServer({ timeline: () => (fail ? serverDown() : page([])) }));
    await heading();
    await expectReadableAlert();
    fail = false;
    await clickTryAgain();
    expect(await screen.findByText('Nothing has happened yet')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('stale: an enrollment paused elsewhere shows as paused without a reload', async () => {
    let status: Enrollment['status'] = 'active';
    const live = renderWith(
      <ContactPage id="c_ada" />,
      pageServer({ enrollments: () => [enrollment({ status })] }),
    );
    const seqs = within(
      (await screen.findByRole('heading', { name: 'Sequences' })).closest('section') as HTMLElement,
    );
    expect(await seqs.findByText('Active')).toBeTruthy();
    status = 'paused';
    act(() => live.fire());
    expect(await seqs.findByText('Paused')).toBeTruthy();
    expect(seqs.queryByText('Active')).toBeNull();
  });
});

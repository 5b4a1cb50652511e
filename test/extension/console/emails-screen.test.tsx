import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  emailQuery,
  emptyEmailFilter,
  withReason,
  withStatus,
} from '../../../extension/ui/console/emails/email-filters';
import { EmailsScreen } from '../../../extension/ui/console/emails/emails-screen';
import {
  FORCE_BYPASSES,
  FORCE_NEVER,
  forecastRetry,
} from '../../../extension/ui/console/emails/force-policy';
import type { Email } from '../../../shared/schemas/email';
import { notSentCatalog } from '../../../shared/send-guard/catalog';
import { type FakeServer, fakeServer, renderWithServer } from './fake-server';
import { contact, contactsRoute, email, page, sequence } from './fixtures';

afterEach(cleanup);

const emails: Email[] = [
  email({ id: 'em_1', contactId: 'c_ada', status: 'sent' }),
  email({
    id: 'em_2',
    contactId: 'c_bo',
    status: 'not_sent',
    reason: 'likely_to_bounce',
    sentAt: undefined,
    scheduledAt: '2025-03-02T09:00:00Z',
  }),
  email({
    id: 'em_3',
    contactId: 'c_cy',
    status: 'not_sent',
    reason: 'person_blocked',
    // As the scheduler stores a held email's reasons: codes, which a person never reads.
    detail: 'person_blocked: cy@acme.test; unverified_email',
    sentAt: undefined,
  }),
  email({
    id: 'em_4',
    contactId: 'c_di',
    status: 'not_sent',
    reason: 'email_service_provider_error',
    detail: '550 5.1.1 User Unknown',
    sentAt: undefined,
  }),
];
const people = [
  contact({ id: 'c_ada' }),
  contact({ id: 'c_bo', firstName: 'Bo', lastName: 'Bounce', email: 'bo@acme.test' }),
  contact({ id: 'c_cy', firstName: 'Cy', lastName: 'Blocked', email: 'cy@acme.test' }),
  contact({ id: 'c_di', firstName: 'Di', lastName: 'Unknown', email: 'di@acme.test' }),
];

let server: FakeServer;
beforeEach(() => {
  server = fakeServer()
    .on('GET', /^\/api\/sequences$/, () => page([sequence()]))
    .on('GET', /^\/api\/contacts$/, contactsRoute(people))
    .on('GET', /^\/api\/emails$/, (call) => {
      const status = call.query.get('status');
      const reason = call.query.get('reason');
      return page(emails.filter((e) => (!status || e.status === status) && (!reason || e.reason === reason)));
    })
    .on('POST', /^\/api\/emails\/retry$/, (call) => ({
      retried: (call.body as { ids: string[] }).ids,
      skipped: [],
    }));
});

const shown = () =>
  [...document.querySelectorAll('[data-console-email]')].map((r) => r.getAttribute('data-console-email'));

describe('email filters', () => {
  it('turns the filter into the query the API takes; a reason implies "not sent"', () => {
    expect(emailQuery(emptyEmailFilter)).toEqual({
      status: undefined,
      reason: undefined,
      sequenceId: undefined,
    });
    const byReason = withReason(emptyEmailFilter, 'likely_to_bounce');
    expect(emailQuery({ ...byReason, sequenceId: 's_1' })).toEqual({
      status: 'not_sent',
      reason: 'likely_to_bounce',
      sequenceId: 's_1',
    });
    // A status that cannot carry a reason drops it.
    expect(withStatus(byReason, 'sent').reason).toBe('all');
  });

  it('derives what force send skips and never skips from the catalog', () => {
    expect(FORCE_BYPASSES).toEqual([
      'likely_to_bounce',
      'unverified_email',
      'blocked_contact_stage',
      'blocked_account_stage',
      'job_change_detected',
    ]);
    expect(FORCE_NEVER).toEqual(
      expect.arrayContaining([
        'unsubscribed',
        'person_blocked',
        'company_blocked',
        'gdpr_location_blocked',
        'email_missing_or_invalid',
        'missing_dynamic_variable',
      ]),
    );
    expect(FORCE_NEVER).not.toContain('likely_to_bounce');
    const forecast = forecastRetry(emails.slice(1), true);
    expect(forecast).toEqual({ forceHelps: 1, heldAgain: [{ code: 'person_blocked', count: 1 }], plain: 1 });
    expect(forecastRetry(emails.slice(1), false).heldAgain.map((h) => h.code)).toEqual([
      'person_blocked',
      'likely_to_bounce',
    ]);
  });

  it('filters by not-sent reason on the server and shows the reason and its fix inline', async () => {
    renderWithServer(<EmailsScreen />, server);
    await waitFor(() =>
      expect(shown()).toEqual(['ada@acme.test', 'bo@acme.test', 'cy@acme.test', 'di@acme.test']),
    );

    fireEvent.change(screen.getByRole('combobox', { name: 'Not-sent reason' }), {
      target: { value: 'likely_to_bounce' },
    });
    await waitFor(() => expect(shown()).toEqual(['bo@acme.test']));
    const last = server.callsTo('GET', '/api/emails').at(-1);
    expect(last?.query.get('status')).toBe('not_sent');
    expect(last?.query.get('reason')).toBe('likely_to_bounce');
    expect(screen.getByRole('button', { name: 'Not sent' }).getAttribute('aria-pressed')).toBe('true');
    const row = document.querySelector('[data-console-email="bo@acme.test"]') as HTMLElement;
    expect(row.textContent).toContain(notSentCatalog.likely_to_bounce.message);
    expect(row.textContent).toContain(notSentCatalog.likely_to_bounce.resolution);

    fireEvent.change(screen.getByRole('combobox', { name: 'Not-sent reason' }), {
      target: { value: 'person_blocked' },
    });
    await waitFor(() => expect(shown()).toEqual(['cy@acme.test']));
    const held = document.querySelector('[data-console-email="cy@acme.test"]')?.textContent ?? '';
    expect(held).toContain('Details: cy@acme.test; Unverified email');
    expect(held).not.toMatch(/person_blocked|unverified_email/);

    fireEvent.change(screen.getByRole('combobox', { name: 'Not-sent reason' }), {
      target: { value: 'email_service_provider_error' },
    });
    await waitFor(() => expect(shown()).toEqual(['di@acme.test']));
    expect(document.querySelector('[data-console-email="di@acme.test"]')?.textContent).toContain(
      'Provider said: 550 5.1.1 User Unknown',
    );
    // Every contact came from one batch lookup, and filtering again asked for nobody twice.
    expect(server.callsTo('GET', '/api/contacts').map((c) => c.query.get('ids'))).toEqual([
      'c_ada,c_bo,c_cy,c_di',
    ]);
    expect(server.callsTo('GET', /^\/api\/contacts\//)).toEqual([]);
  });

  it('retries the selected emails with force after explaining what force does and never does', async () => {
    renderWithServer(<EmailsScreen />, server);
    fireEvent.click(await screen.findByRole('button', { name: 'Not sent' }));
    await waitFor(() => expect(shown()).toEqual(['bo@acme.test', 'cy@acme.test', 'di@acme.test']));
    // Sent emails cannot be retried, so only undelivered ones are selectable.
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select email to Bo Bounce' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select email to Cy Blocked' }));
    fireEvent.click(screen.getByRole('button', { name: 'Retry undelivered (2)' }));

    const dialog = within(screen.getByRole('dialog', { name: 'Retry 2 undelivered emails' }));
    const explained = document.querySelector('[data-console-force-explained]')?.textContent ?? '';
    expect(explained).toContain('Skips these protections: Likely to bounce, Unverified email');
    expect(explained).toContain('Never overrides: Unsubscribed, Person blocked');
    expect(dialog.getByText(/1 email will be held again \(Likely to bounce\)/)).toBeTruthy();
    fireEvent.click(dialog.getByRole('checkbox', { name: 'Force send' }));
    expect(dialog.queryByText(/held again \(Likely to bounce\)/)).toBeNull();
    expect(dialog.getByText(/1 email will be held again \(Person blocked\)/)).toBeTruthy();
    fireEvent.click(dialog.getByRole('button', { name: 'Retry' }));

    await screen.findByText('2 emails queued again with force send.');
    expect(server.callsTo('POST', '/api/emails/retry')[0]?.body).toEqual({
      ids: ['em_2', 'em_3'],
      force: true,
    });
  });
});

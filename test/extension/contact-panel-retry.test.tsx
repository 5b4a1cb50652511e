import { cleanup, fireEvent, render, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ContactPanel } from '../../extension/ui/contact-panel/contact-panel';
import { panelActions } from '../../extension/ui/contact-panel/enrollment-actions';
import type { EnrollmentView } from '../../shared/schemas/extension-messages';
import { enrollment } from './helpers/fake-api';
import { startFakeExtension } from './helpers/fake-extension';

afterEach(cleanup);

const row = (id: string) => document.querySelector(`[data-stride-enrollment="${id}"]`) as HTMLElement;
const view = (patch: Partial<EnrollmentView>): EnrollmentView => ({
  ...enrollment(),
  sequenceName: 'Onboarding',
  ...patch,
});
const stuck = (
  code: 'likely_to_bounce' | 'unsubscribed' | 'missing_dynamic_variable',
  retry: 'retry' | 'force' | 'never',
) => ({ code, label: 'x', message: 'x', resolution: 'x', emailId: 'm1', retry }) as const;

describe('panel actions for an enrollment', () => {
  it('offers only what the server accepts for each status', () => {
    const names = (e: EnrollmentView) =>
      Object.entries(panelActions(e))
        .filter(([, v]) => v)
        .map(([k]) => k);
    expect(names(view({ status: 'active' }))).toEqual(['pause', 'finish', 'remove']);
    expect(names(view({ status: 'scheduled' }))).toEqual(['pause', 'finish', 'remove']);
    expect(names(view({ status: 'paused' }))).toEqual(['resume', 'finish', 'remove']);
    // The server pauses running enrollments only: a stuck one is retried, finished or removed.
    expect(names(view({ status: 'not_sent' }))).toEqual(['finish', 'remove']);
    expect(names(view({ status: 'finished' }))).toEqual([]);
    expect(names(view({ status: 'removed' }))).toEqual([]);
  });

  it('offers Retry where the reason allows it, and Send anyway where the catalog lets force pass', () => {
    expect(
      panelActions(view({ status: 'not_sent', stuckReason: stuck('missing_dynamic_variable', 'retry') }))
        .retry,
    ).toEqual({
      emailId: 'm1',
      forceable: false,
    });
    expect(
      panelActions(view({ status: 'bounced', stuckReason: stuck('likely_to_bounce', 'force') })).retry,
    ).toEqual({
      emailId: 'm1',
      forceable: true,
    });
    expect(
      panelActions(view({ status: 'not_sent', stuckReason: stuck('unsubscribed', 'never') })).retry,
    ).toBeNull();
  });
});

describe('contact panel retry', () => {
  it('retries a stuck email from the panel and shows the enrollment running again', async () => {
    const ext = await startFakeExtension();
    ext.api.state.enrollments.push(
      enrollment({ id: 'e_stuck', sequenceId: 's_renewal', status: 'not_sent' }),
    );
    ext.api.state.emails = [
      {
        id: 'm1',
        enrollmentId: 'e_stuck',
        status: 'not_sent',
        reason: 'likely_to_bounce',
        detail: '550 5.1.1',
      },
    ];
    ext.api.override('POST', /^\/api\/emails\/retry$/, (c) => {
      const target = ext.api.state.enrollments.find((e) => e.id === 'e_stuck');
      if (target) target.status = 'active';
      return { status: 200, body: { retried: (c.body as { ids: string[] }).ids, skipped: [] } };
    });
    render(<ContactPanel client={ext.client} email="dana@acme.test" />);
    await waitFor(() => expect(row('e_stuck')?.querySelector('[data-stride-stuck]')).toBeTruthy());
    const card = within(row('e_stuck'));
    // Not offered: pausing a not-sent enrollment is refused by the server.
    expect(card.queryByRole('button', { name: /^Pause/ })).toBeNull();
    expect(card.getByRole('button', { name: 'Retry the email in Renewal' })).toBeTruthy();

    fireEvent.click(card.getByRole('button', { name: 'Send the email in Renewal anyway' }));
    await waitFor(() => expect(row('e_stuck').dataset.strideStatus).toBe('active'));
    await waitFor(() => expect(row('e_stuck').getAttribute('aria-busy')).toBeNull());
    expect(row('e_stuck').querySelector('[data-stride-stuck]')).toBeNull();
    expect(ext.api.callsTo('POST', '/api/emails/retry').map((c) => c.body)).toEqual([
      { ids: ['m1'], force: true },
    ]);
    expect(within(row('e_stuck')).getByRole('button', { name: 'Pause Renewal' })).toBeTruthy();
  });

  it('offers no Retry for a hard stop such as an unsubscribe', async () => {
    const ext = await startFakeExtension();
    ext.api.state.enrollments.push(
      enrollment({ id: 'e_stuck', sequenceId: 's_renewal', status: 'not_sent' }),
    );
    ext.api.state.emails = [
      { id: 'm1', enrollmentId: 'e_stuck', status: 'not_sent', reason: 'unsubscribed' },
    ];
    render(<ContactPanel client={ext.client} email="dana@acme.test" />);
    await waitFor(() =>
      expect(row('e_stuck')?.querySelector('[data-stride-stuck="unsubscribed"]')).toBeTruthy(),
    );
    expect(within(row('e_stuck')).queryByRole('button', { name: /Retry|anyway/ })).toBeNull();
    expect(within(row('e_stuck')).getByRole('button', { name: 'Finish Renewal' })).toBeTruthy();
  });
});

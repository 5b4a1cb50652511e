import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ReportsScreen } from '../../../extension/ui/console/reports/reports-screen';
import type { SequenceReport, VariantStats } from '../../../shared/schemas/sequence-report';
import { fakeServer, renderWithServer } from './fake-server';
import { page, sequence } from './fixtures';

afterEach(cleanup);

const stats = (
  variantId: string | null,
  label: string,
  sent: number,
  replied: number,
  o: Partial<VariantStats> = {},
) => ({
  variantId,
  label,
  sent,
  replied,
  clicked: 3,
  clicks: 7,
  bounced: 1,
  unsubscribed: 0,
  replyRate: sent ? replied / sent : 0,
  ...o,
});

const report: SequenceReport = {
  sequenceId: 's_1',
  timezone: 'UTC',
  funnel: { enrolled: 200, emailed: 200, replied: 80, bounced: 2, notSent: 0 },
  emailsSent: 260,
  finishedBy: [],
  sendsPerDay: [],
  steps: [
    {
      stepId: 'st_1',
      position: 1,
      variants: [
        stats('a', 'Variant A', 100, 30, { active: true }),
        stats('b', 'Variant B', 100, 50, { active: true }),
      ],
      verdict: {
        winnerId: 'b',
        test: 'two_proportion_z_test',
        pValue: 0.0039,
        text: "Variant B gets more replies: 50.0% of 100 sent, against Variant A's 30.0%. The difference is unlikely to be chance (two-proportion z-test, p = 0.004).",
      },
    },
    {
      stepId: 'st_2',
      position: 2,
      variants: [
        stats('c', 'Variant A', 30, 3, { active: true }),
        stats('d', 'Variant B', 30, 4, { active: false }),
      ],
    },
  ],
};

describe('the report per step and A/B version', () => {
  it('shows sent, replies, reply rate, human clicks, bounces and unsubscribes, and the verdict only when there is one', async () => {
    const server = fakeServer()
      .on('GET', /^\/api\/sequences$/, () => page([sequence()]))
      .on('GET', /^\/api\/sequences\/s_1\/report$/, () => report);
    renderWithServer(<ReportsScreen />, server);
    const first = await screen.findByRole('table', { name: 'Step 1: results by version' });
    const rows = within(first)
      .getAllByRole('row')
      .map((r) => [...r.children].map((c) => c.textContent?.trim()));
    expect(rows).toEqual([
      ['Version', 'Sent', 'Replied', 'Reply rate', 'Clicked (people)', 'Bounced', 'Unsubscribed'],
      ['Variant A', '100', '30', '30.0%', '3', '1', '0'],
      ['Variant B Leading', '100', '50', '50.0%', '3', '1', '0'],
    ]);
    expect(
      document.querySelector('[data-console-step-report="1"] [data-console-verdict]')?.textContent,
    ).toContain('two-proportion z-test, p = 0.004). To keep it, pause the other versions');
    const second = screen.getByRole('table', { name: 'Step 2: results by version' });
    expect(within(second).getByText('Paused')).toBeTruthy();
    expect(document.querySelector('[data-console-step-report="2"] [data-console-verdict]')?.textContent).toBe(
      'No version is ahead by more than chance yet.',
    );
  });
});

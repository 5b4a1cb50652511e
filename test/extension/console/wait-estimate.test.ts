import { describe, expect, it } from 'vitest';
import { queuePositions, waitEstimateWords } from '../../../extension/ui/console/emails/wait-estimate';
import type { Email } from '../../../shared/schemas/email';

const NOW = new Date('2025-03-03T10:00:00.000Z');
const box = { id: 'mb_1', address: 'rep@acme.test', effectiveDailyLimit: 10, hourlyLimit: 5 };
const waiting = (id: string, scheduledAt: string, o: Partial<Email> = {}): Email => ({
  id,
  enrollmentId: `e_${id}`,
  contactId: `c_${id}`,
  stepId: 'st_1',
  mailboxId: 'mb_1',
  status: 'scheduled',
  waitingFor: 'mailbox_capacity',
  scheduledAt,
  ...o,
});

describe('wait estimate', () => {
  it('orders each mailbox queue by slot and says on which sending day an email should go', () => {
    const emails = Array.from({ length: 25 }, (_, i) =>
      waiting(`m${String(i).padStart(2, '0')}`, `2025-03-03T09:${String(i).padStart(2, '0')}:00.000Z`),
    ).reverse();
    const positions = queuePositions([
      ...emails,
      waiting('other', '2025-03-03T09:00:00.000Z', { mailboxId: 'mb_2' }),
    ]);
    expect(positions.get('m00')).toBe(0);
    expect(positions.get('m24')).toBe(24);
    expect(positions.get('other')).toBe(0);
    const first = emails.find((e) => e.id === 'm03') as Email;
    expect(waitEstimateWords(first, box, 3, NOW)).toBe(
      'Should go out later today, as the hourly limit allows (rep@acme.test sends up to 10 emails a day and 5 an hour).',
    );
    const late = emails.find((e) => e.id === 'm24') as Email;
    expect(waitEstimateWords(late, box, 24, NOW)).toMatch(
      /^Should go out in about 2 sending days: 24 emails ahead/,
    );
  });

  it('gives the window time when it is ahead, and nothing it cannot back up', () => {
    const inWindow = waiting('w', '2025-03-04T08:00:00.000Z', { waitingFor: 'window' });
    expect(waitEstimateWords(inWindow, box, undefined, NOW)).toMatch(/^Goes out around /);
    expect(
      waitEstimateWords({ ...inWindow, scheduledAt: '2025-03-03T09:00:00.000Z' }, box, undefined, NOW),
    ).toBeUndefined();
    expect(waitEstimateWords(waiting('x', '2025-03-03T09:00:00.000Z'), undefined, 0, NOW)).toBeUndefined();
    expect(waitEstimateWords({ ...inWindow, status: 'sent' }, box, 0, NOW)).toBeUndefined();
  });
});

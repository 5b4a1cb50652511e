import { describe, expect, it } from 'vitest';
import { sendsPerDay, sequenceReport } from '../../../extension/ui/console/reports/report-math';
import { email, enrollment } from './fixtures';

describe('report maths', () => {
  const enrollments = [
    enrollment({ id: 'e1', status: 'finished', finishedReason: 'replied' }),
    enrollment({ id: 'e2', status: 'finished', finishedReason: 'meeting_booked' }),
    enrollment({ id: 'e3', status: 'bounced' }),
    enrollment({ id: 'e4', status: 'not_sent' }),
    enrollment({ id: 'e5', status: 'finished', finishedReason: 'replied' }),
  ];
  const emails = [
    email({ id: 'm1', enrollmentId: 'e1', status: 'sent', sentAt: '2025-03-03T08:00:00' }),
    email({ id: 'm2', enrollmentId: 'e1', status: 'sent', sentAt: '2025-03-03T09:00:00' }),
    email({ id: 'm3', enrollmentId: 'e2', status: 'sent', sentAt: '2025-03-01T09:00:00' }),
    email({ id: 'm4', enrollmentId: 'e3', status: 'bounced', sentAt: '2025-03-02T09:00:00' }),
    email({
      id: 'm5',
      enrollmentId: 'e4',
      status: 'not_sent',
      sentAt: undefined,
      reason: 'likely_to_bounce',
    }),
    email({ id: 'm6', enrollmentId: 'e5', status: 'sent', sentAt: '2025-02-01T09:00:00' }),
  ];

  it('counts contacts at each stage of the funnel and finished contacts by reason', () => {
    const r = sequenceReport(enrollments, emails);
    expect(r.funnel.map((s) => [s.key, s.count])).toEqual([
      ['enrolled', 5],
      ['contacted', 3],
      ['replied', 2],
      ['bounced', 1],
      ['not_sent', 1],
    ]);
    expect(r.emailsSent).toBe(4);
    expect(r.finishedBy).toEqual([
      { reason: 'replied', count: 2 },
      { reason: 'meeting_booked', count: 1 },
    ]);
  });

  it('counts sends per local day over the period, with empty days as zero', () => {
    expect(sendsPerDay(emails, new Date('2025-03-03T12:00:00'), 4)).toEqual([
      { day: '2025-02-28', count: 0 },
      { day: '2025-03-01', count: 1 },
      { day: '2025-03-02', count: 0 },
      { day: '2025-03-03', count: 2 },
    ]);
  });
});

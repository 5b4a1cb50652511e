import { describe, expect, it } from 'vitest';
import {
  countFor,
  emptyFilter,
  enrollmentQuery,
  filterEnrollments,
  type matchesPaused,
  splitEligible,
} from '../../../extension/ui/console/contacts/enrollment-filters';
import { enrollment } from './fixtures';

const list = [
  enrollment({ id: 'e1', contactId: 'c1', status: 'active' }),
  enrollment({ id: 'e2', contactId: 'c2', status: 'paused', pausedReason: 'manual' }),
  enrollment({
    id: 'e3',
    contactId: 'c3',
    status: 'paused',
    pausedReason: 'out_of_office',
    resumeAt: '2025-03-10T08:00:00Z',
  }),
  enrollment({
    id: 'e4',
    contactId: 'c4',
    status: 'paused',
    pausedReason: 'manual',
    resumeAt: '2025-04-01T08:00:00Z',
  }),
  enrollment({ id: 'e5', contactId: 'c5', status: 'finished', finishedReason: 'replied' }),
  enrollment({ id: 'e6', contactId: 'c6', status: 'removed' }),
];
const ids = (es: { id: string }[]) => es.map((e) => e.id);

describe('enrollment filters', () => {
  it('asks the server for one status or all of them, and for the search, trimmed', () => {
    expect(enrollmentQuery('s_1', { ...emptyFilter, status: 'not_sent' })).toEqual({
      sequenceId: 's_1',
      status: 'not_sent',
      q: undefined,
    });
    expect(enrollmentQuery('s_1', emptyFilter)).toEqual({
      sequenceId: 's_1',
      status: undefined,
      q: undefined,
    });
    expect(enrollmentQuery('s_1', { ...emptyFilter, search: '  ada love ' })).toMatchObject({
      q: 'ada love',
    });
    expect(enrollmentQuery('s_1', { ...emptyFilter, search: '   ' }).q).toBeUndefined();
  });

  it('leaves removed contacts out of "All" and counts the chips the same way', () => {
    expect(ids(filterEnrollments(list, emptyFilter))).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    const counts = { active: 1, scheduled: 0, paused: 3, finished: 1, bounced: 0, not_sent: 0, removed: 1 };
    expect(countFor(counts, 'all')).toBe(5);
    expect(countFor(counts, 'removed')).toBe(1);
  });

  it('splits paused contacts by out-of-office and by whether an auto-resume date is set', () => {
    const paused = (p: Parameters<typeof matchesPaused>[1]) =>
      ids(filterEnrollments(list, { status: 'paused', paused: p, search: '' }));
    expect(paused('any')).toEqual(['e2', 'e3', 'e4']);
    expect(paused('out_of_office')).toEqual(['e3']);
    expect(paused('manual')).toEqual(['e2', 'e4']);
    expect(paused('auto_resume')).toEqual(['e3', 'e4']);
    expect(paused('no_auto_resume')).toEqual(['e2']);
  });

  it('applies bulk actions only where the status allows them', () => {
    expect(splitEligible('resume', list)).toMatchObject({ skipped: 3 });
    expect(ids(splitEligible('resume', list).ok)).toEqual(['e2', 'e3', 'e4']);
    expect(ids(splitEligible('pause', list).ok)).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(ids(splitEligible('finish', list).ok)).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(ids(splitEligible('remove', list).ok)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
  });
});

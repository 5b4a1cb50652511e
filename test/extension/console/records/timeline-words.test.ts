import { describe, expect, it } from 'vitest';
import { actorWords, timelineWords } from '../../../../extension/ui/console/records/timeline-words';
import { activityKinds } from '../../../../shared/enums';
import type { TimelineItem } from '../../../../shared/schemas/timeline';

const item = (o: Partial<TimelineItem> & Pick<TimelineItem, 'kind'>): TimelineItem => ({
  id: 'a_1',
  at: '2025-03-03T10:00:00.000Z',
  actor: null,
  enrollmentId: null,
  sequence: null,
  email: null,
  data: {},
  ...o,
});

describe('timeline words', () => {
  it('never shows a code: every kind reads as words', () => {
    for (const kind of activityKinds) {
      const w = timelineWords(item({ kind }));
      expect(w.title).not.toMatch(/[a-z]+[._][a-z]+/);
    }
  });

  it('says why an email was not sent and offers the fix on the contact for contact data', () => {
    const w = timelineWords(
      item({ kind: 'email.not_sent', data: { reasons: ['missing_dynamic_variable'] } }),
    );
    expect(w.detail).toMatch(/^Missing dynamic variable: /);
    expect(w.fixOnContact).toBe(true);
    const gdpr = timelineWords(
      item({ kind: 'email.not_sent', data: { reasons: ['gdpr_location_blocked'] } }),
    );
    expect(gdpr.fixOnContact).toBeUndefined();
  });

  it('names what changed, pauses with their reason and date, and who acted', () => {
    expect(
      timelineWords(item({ kind: 'contact_updated', data: { changed: ['firstName', 'title'] } })).detail,
    ).toBe('Changed first name, title');
    expect(
      timelineWords(
        item({
          kind: 'enrollment.paused',
          data: { reason: 'out_of_office', resumeAt: '2025-03-10T09:00:00Z' },
        }),
      ).detail,
    ).toMatch(/until /);
    expect(actorWords(item({ kind: 'email.sent' }))).toBe('Stride');
    expect(actorWords(item({ kind: 'enrollment.paused', actor: { id: 'u', name: 'Rita' } }))).toBe('Rita');
  });
});

import { describe, expect, it } from 'vitest';
import { activityKinds } from '../../../../shared/enums';
import { actorWords, historyWords } from '../../../../shared/history/history-words';
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

describe('history words', () => {
  it('never shows a code: every kind reads as words', () => {
    for (const kind of activityKinds) {
      const w = historyWords(item({ kind }));
      expect(w.title).not.toMatch(/[a-z]+[._][a-z]+/);
    }
  });

  it('says why an email was not sent and offers the fix on the contact for contact data', () => {
    const w = historyWords(item({ kind: 'email.not_sent', data: { reasons: ['missing_dynamic_variable'] } }));
    expect(w.detail).toMatch(/^Missing dynamic variable: /);
    expect(w.fixOnContact).toBe(true);
    const gdpr = historyWords(item({ kind: 'email.not_sent', data: { reasons: ['gdpr_location_blocked'] } }));
    expect(gdpr.fixOnContact).toBeUndefined();
  });

  it('names what changed, pauses with their reason and date, and who acted', () => {
    expect(
      historyWords(item({ kind: 'contact_updated', data: { changed: ['firstName', 'title'] } })).detail,
    ).toBe('Changed first name, title');
    expect(
      historyWords(
        item({
          kind: 'enrollment.paused',
          data: { reason: 'out_of_office', resumeAt: '2025-03-10T09:00:00Z' },
        }),
      ).detail,
    ).toMatch(/until /);
    expect(actorWords(item({ kind: 'email.sent' }))).toBe('Stride');
    expect(actorWords(item({ kind: 'enrollment.paused', actor: { id: 'u', name: 'Rita' } }))).toBe('Rita');
  });

  it('says which message finished or paused an enrollment and where Stride saw it', () => {
    const reply = historyWords(
      item({
        kind: 'email.replied',
        data: {
          from: 'ana@acme.test',
          date: '2025-12-03T10:42:00Z',
          finished: true,
          seenIn: { via: 'sync', mailboxId: 'mb_1', address: 'rep@stride.test', folder: 'INBOX' },
        },
      }),
    );
    expect(reply.detail).toMatch(
      /^Finished by a reply from ana@acme\.test seen in the mailbox rep@stride\.test \(sync\), /,
    );
    const junk = historyWords(
      item({
        kind: 'email.replied',
        data: {
          from: 'ana@acme.test',
          finished: false,
          seenIn: { via: 'sync', address: 'a@b.c', folder: 'Junk' },
        },
      }),
    );
    expect(junk.detail).toBe(
      'A reply from ana@acme.test seen in the mailbox a@b.c (in its junk folder) (sync); this sequence carries on after replies',
    );
    const ooo = historyWords(
      item({
        kind: 'email.out_of_office',
        data: {
          from: 'ana@acme.test',
          outcome: 'pause',
          resumeAt: '2025-12-12T09:00:00Z',
          host: 'gmail',
          seenIn: { via: 'page' },
        },
      }),
    );
    expect(ooo.detail).toMatch(
      /^Paused until .+ by an out-of-office answer from ana@acme\.test seen in Gmail$/,
    );
    const back = historyWords(item({ kind: 'email.out_of_office', data: { outcome: 'already_back' } }));
    expect(back.detail).toMatch(/^They are already back/);
  });

  it('names the provider behind webhook events and the engagement rules', () => {
    const bounce = historyWords(
      item({
        kind: 'email.bounced',
        data: { detail: '550 no such user', seenIn: { via: 'webhook', source: 'sendgrid' } },
      }),
    );
    expect(bounce.detail).toBe('The provider said: 550 no such user. Reported by SendGrid (webhook)');
    const meeting = historyWords(
      item({ kind: 'engagement.meeting_link_clicked', data: { url: 'https://cal.test/x' } }),
    );
    expect(meeting).toEqual({ title: 'Finished: clicked the meeting link', detail: 'https://cal.test/x' });
    expect(historyWords(item({ kind: 'engagement.call_task_created', data: { clicks: 3 } })).detail).toBe(
      'After 3 link clicks by a person, a call task went to the owner',
    );
  });

  it('reads an entry without seenIn (older history) without guessing where it was seen', () => {
    const w = historyWords(item({ kind: 'email.replied', data: { from: 'ana@acme.test', finished: true } }));
    expect(w.detail).toBe('Finished by a reply from ana@acme.test');
  });
});

import { describe, expect, it } from 'vitest';
import { type ClassifyOptions, classifyMessage } from '../../../../shared/replies/classify-message';
import { CORPUS_CAP, CORPUS_DEFAULT_RESUME, CORPUS_NOW, replyCorpus } from '../../../fixtures/replies/corpus';

const now = CORPUS_NOW;

describe('classifyMessage on the corpus', () => {
  it('has enough realistic messages in every language', () => {
    expect(replyCorpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(replyCorpus.map((f) => f.id)).size).toBe(replyCorpus.length);
    for (const language of ['en', 'de', 'fr', 'es', 'pt', 'nl', 'it']) {
      const inLanguage = replyCorpus.filter((f) => f.id.startsWith(`${language}-`));
      expect(
        inLanguage.map((f) => f.expected.kind),
        language,
      ).toEqual(expect.arrayContaining(['out_of_office', 'reply']));
    }
  });

  it.each(replyCorpus)('$id', ({ message, timeZone, expected }) => {
    const result = classifyMessage(message, { now, timeZone });
    expect(result.kind).toBe(expected.kind);
    expect(result.resumeAt?.toISOString()).toBe(expected.resumeAt);
    expect(result.returnDateFound).toBe(expected.returnDateFound);
    expect(result.evidence.length).toBeGreaterThan(0);
  });
});

describe('classifyMessage pause length', () => {
  const ooo = (text: string, extra: Partial<ClassifyOptions> = {}) =>
    classifyMessage(
      {
        from: 'a@b.example',
        subject: 'Automatic reply: Intro',
        text,
        headers: { 'Auto-Submitted': 'auto-replied' },
      },
      { now, timeZone: 'Europe/Berlin', ...extra },
    );

  it('caps a return date six months away at maxPauseDays', () => {
    const result = ooo('I am out of the office and will be back on 1 June 2027.');
    expect(result.resumeAt?.toISOString()).toBe(CORPUS_CAP);
    expect(result.returnDateFound).toBe(true);
    expect(result.evidence).toContain('capped');

    const shorter = ooo('I am out of the office and will be back on 1 June 2027.', { maxPauseDays: 30 });
    expect(shorter.resumeAt?.toISOString()).toBe('2026-12-31T10:00:00.000Z');
  });

  it('keeps a return date exactly inside the cap', () => {
    // 30 January 09:00 Berlin is 08:00Z, two hours before the cap at now + 60 days.
    const result = ooo('I am out of the office and will be back on 30 January 2027.');
    expect(result.resumeAt?.toISOString()).toBe('2027-01-30T08:00:00.000Z');
  });

  it('ignores a return date in the past and uses the default', () => {
    const result = ooo('I am out of the office until 20 November.');
    expect(result.resumeAt?.toISOString()).toBe(CORPUS_DEFAULT_RESUME);
    expect(result.returnDateFound).toBe(false);
  });

  it('uses now + defaultPauseDays when no date is given, never beyond maxPauseDays', () => {
    expect(ooo('I am out of the office.').resumeAt?.toISOString()).toBe(CORPUS_DEFAULT_RESUME);
    expect(ooo('I am out of the office.', { defaultPauseDays: 3 }).resumeAt?.toISOString()).toBe(
      '2026-12-04T10:00:00.000Z',
    );
    expect(
      ooo('I am out of the office.', { defaultPauseDays: 10, maxPauseDays: 2 }).resumeAt?.toISOString(),
    ).toBe('2026-12-03T10:00:00.000Z');
  });

  it('adds calendar days, not 24-hour blocks, across a DST change', () => {
    // 25 March 2026 11:00 CET; a week later is 1 April 11:00 CEST, which is 09:00Z.
    const result = ooo('I am out of the office.', { now: new Date('2026-03-25T10:00:00Z') });
    expect(result.resumeAt?.toISOString()).toBe('2026-04-01T09:00:00.000Z');
    const dated = ooo('I am out of the office and back on 30 March.', {
      now: new Date('2026-03-25T10:00:00Z'),
    });
    expect(dated.resumeAt?.toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('reads the return day in the contact zone, resuming at 09:00 there', () => {
    const text = 'I am out of the office and will be back on 14 December.';
    const at = (timeZone: string | null) => ooo(text, { timeZone }).resumeAt?.toISOString();
    expect(at('Pacific/Auckland')).toBe('2026-12-13T20:00:00.000Z');
    expect(at('America/Los_Angeles')).toBe('2026-12-14T17:00:00.000Z');
    expect(at(null)).toBe('2026-12-14T09:00:00.000Z');
    expect(at('Not/A_Zone')).toBe('2026-12-14T09:00:00.000Z');
  });

  it('rejects pause lengths that are not whole non-negative days', () => {
    expect(() => ooo('x', { defaultPauseDays: -1 })).toThrow(RangeError);
    expect(() => ooo('x', { maxPauseDays: 1.5 })).toThrow(RangeError);
  });
});

describe('classifyMessage headers', () => {
  const text = "Thank you for your email. I'm on leave and will be back on 14 December.";
  const withHeaders = (headers?: Record<string, string>) =>
    classifyMessage({ from: 'a@b.example', subject: 'Re: Intro', text, headers }, { now, timeZone: 'UTC' });

  it('reads one clear absence sentence in a short answer without headers too', () => {
    const result = withHeaders();
    expect(result.kind).toBe('out_of_office');
    expect(result.resumeAt?.toISOString()).toBe('2026-12-14T09:00:00.000Z');
  });

  it.each(['Auto-Submitted', 'auto-submitted', 'AUTO-SUBMITTED', 'aUtO-sUbMiTtEd'])(
    'reads %s whatever its case',
    (name) => {
      const result = withHeaders({ [name]: 'auto-replied' });
      expect(result.kind).toBe('out_of_office');
      expect(result.resumeAt?.toISOString()).toBe('2026-12-14T09:00:00.000Z');
    },
  );

  it.each([
    [{ 'x-autoreply': 'yes' }],
    [{ 'X-AUTORESPOND': 'vacation' }],
    [{ PRECEDENCE: 'Auto_Reply' }],
    [{ 'Auto-Submitted': 'auto-generated; owner-email="ops@b.example"' }],
  ])('treats %o as proof', (headers) => {
    expect(withHeaders(headers).kind).toBe('out_of_office');
  });

  it.each([[{ 'Auto-Submitted': 'no' }], [{ 'X-Auto-Response-Suppress': 'All' }]])(
    'does not treat %o as proof',
    (headers) => {
      const plain = classifyMessage(
        { from: 'a@b.example', subject: 'Re: Intro', text: 'Thanks, send me the deck please.', headers },
        { now },
      );
      expect(plain.kind).toBe('reply');
    },
  );

  it('calls an auto-submitted message without absence cues an auto_reply, without a resume date', () => {
    const result = classifyMessage(
      {
        from: 'help@b.example',
        subject: 'Re: Intro',
        text: 'We have received your request and will get back to you shortly.',
        headers: { 'auto-submitted': 'auto-generated' },
      },
      { now },
    );
    expect(result).toEqual({
      kind: 'auto_reply',
      automated: 'ticket',
      evidence: 'Auto-Submitted: auto-generated; "We have received your request"',
    });
  });

  it.each([
    [{ Precedence: 'list' }, 'list'],
    [{ 'List-Id': '<sales.lists.b.example>' }, 'list'],
    [{ Precedence: 'bulk' }, 'responder'],
    [{ Precedence: 'junk' }, 'responder'],
  ])('takes %o mail for automated mail that changes nothing', (headers, automated) => {
    const result = classifyMessage(
      { from: 'a@b.example', subject: 'Re: Intro', text: 'Thanks, send me the deck please.', headers },
      { now },
    );
    expect(result.kind).toBe('auto_reply');
    expect(result.automated).toBe(automated);
  });

  it('checks for bounces before responder headers', () => {
    const result = classifyMessage(
      {
        from: 'MAILER-DAEMON@mx.b.example',
        subject: 'Returned mail: see transcript for details',
        text: 'I am out of the office',
        headers: { 'Auto-Submitted': 'auto-replied' },
      },
      { now },
    );
    expect(result.kind).toBe('bounce');
  });
});

describe('classifyMessage wording without headers', () => {
  const classify = (subject: string, text: string) =>
    classifyMessage({ from: 'a@b.example', subject, text }, { now, timeZone: 'UTC' }).kind;

  it('does not take a mention of being out of office for an auto-reply', () => {
    expect(classify('Re: Intro', 'I was out of office last week, happy to talk now.')).toBe('reply');
    expect(classify('Re: Intro', "I'm on vacation until 14 December but happy to chat after.")).toBe('reply');
  });

  it('takes several agreeing absence cues for an out-of-office', () => {
    expect(
      classify(
        'Re: Intro',
        'I am out of the office with limited access to email until 14 December. For urgent matters contact jo@b.example.',
      ),
    ).toBe('out_of_office');
  });

  it('takes a responder subject prefix as machine-written', () => {
    expect(classify('Automatic reply: Intro', 'Thank you for your email.')).toBe('auto_reply');
    expect(classify('Réponse automatique : Intro', 'Je suis absent du bureau.')).toBe('out_of_office');
  });

  it('ignores absence wording in the quoted original', () => {
    expect(
      classify(
        'Re: Intro',
        'Yes, send it over.\n\nOn Tue, Nov 24, 2026 at 9:00 AM Sam <sam@stride.example> wrote:\n> Out of office until 14 December? No problem.',
      ),
    ).toBe('reply');
  });
});

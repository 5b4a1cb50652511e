import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ClassifyOptions,
  classifyMessage,
  type ObservedMessage,
} from '../../../../shared/replies/classify-message';

/** A Tuesday; Fri 4, Mon 7, Mon 14 December 2026 follow. */
const now = new Date('2026-12-01T10:00:00Z');

const dayIn = (date: Date | undefined, zone: string) =>
  date ? new Intl.DateTimeFormat('sv', { timeZone: zone }).format(date) : null;

const classify = (msg: Partial<ObservedMessage>, opts: Partial<ClassifyOptions> = {}) =>
  classifyMessage(
    { from: 'ana@b.example', subject: 'Re: Quick question', ...msg },
    { now, timeZone: 'UTC', ...opts },
  );

describe('out-of-office from the text alone, per language, with the return day as written', () => {
  it.each([
    ['de', 'Europe/Berlin', 'Ich bin bis einschl. 15.1. nicht im Büro.', '2027-01-16'],
    ['de', 'Europe/Berlin', 'Ich bin ab 05.01.2027 wieder im Büro.', '2027-01-05'],
    ['fr', 'Europe/Paris', "Je suis absente jusqu'au 16/12/2026 inclus.", '2026-12-17'],
    ['fr', 'Europe/Paris', "Je suis en congés jusqu'au 04/01/2027.", '2027-01-05'],
    ['es', 'Europe/Madrid', 'Estoy ausente hasta el 10 de diciembre.', '2026-12-11'],
    ['it', 'Europe/Rome', 'Sono fuori ufficio fino a mercoledì 9 dicembre.', '2026-12-10'],
    ['nl', 'Europe/Amsterdam', 'Ik ben afwezig, terug op 14 december.', '2026-12-14'],
    ['pt', 'Europe/Lisbon', 'Estou de férias até 11/12/2026.', '2026-12-12'],
    ['pl', 'Europe/Warsaw', 'Jestem na urlopie do 11.12.2026.', '2026-12-12'],
    ['pl', 'Europe/Warsaw', 'Jestem poza biurem do 11 grudnia.', '2026-12-12'],
    ['sv', 'Europe/Stockholm', 'Jag är på semester till och med 11 december.', '2026-12-12'],
    ['da', 'Europe/Copenhagen', 'Jeg er på ferie til og med 11. december.', '2026-12-12'],
    ['ja', 'Asia/Tokyo', '12月14日まで不在にしております。', '2026-12-15'],
    ['zh', 'Asia/Shanghai', '您好，我正在休假，12月14日返回。', '2026-12-14'],
    ['en until weekday', 'Europe/London', 'I am out of my office until Friday.', '2026-12-05'],
    ['en weekday + ordinal', 'Europe/London', "I'm away, back on Monday the 7th.", '2026-12-07'],
    ['en range', 'Europe/London', "I'm on vacation from 3 to 14 December.", '2026-12-15'],
    [
      'en Lotus wrap',
      'Europe/London',
      'I will be out of the office starting  01.12.2026 and will not return until\n14.12.2026.',
      '2026-12-14',
    ],
  ])('%s: %s', (_language, zone, text, day) => {
    const result = classify({ text }, { timeZone: zone });
    expect(result.kind).toBe('out_of_office');
    expect(result.returnDateFound).toBe(true);
    expect(dayIn(result.resumeAt, zone)).toBe(day);
  });

  it.each([
    ['America/New_York', 'I am out of the office until 11/12.'],
    ['Europe/London', 'I am out of the office until 12/11.'],
    ['America/New_York', 'I am out of the office until 12/11.'],
  ])(
    'reads an ambiguous numeric date the other way when the first reading is past (%s: %s)',
    (zone, text) => {
      expect(dayIn(classify({ text }, { timeZone: zone }).resumeAt, zone)).toBe('2026-12-12');
    },
  );

  it('keeps the 60-day cap and the default pause', () => {
    const far = classify({ text: 'Ich bin bis 30.06.2027 in Elternzeit.' });
    expect(far.kind).toBe('out_of_office');
    expect(far.resumeAt?.toISOString()).toBe('2027-01-30T10:00:00.000Z');
    const none = classify({ text: 'Ich bin derzeit nicht im Büro.' });
    expect(none.returnDateFound).toBe(false);
    expect(none.resumeAt?.toISOString()).toBe('2026-12-08T10:00:00.000Z');
  });

  it("pauses on iCloud's vacation header whatever the body says", () => {
    const result = classify({
      subject: 'Auto reply: Hi',
      text: "I'm only sleeping.",
      headers: { 'X-Apple-Action': 'VACATION' },
    });
    expect(result.kind).toBe('out_of_office');
  });
});

describe('a person is a person', () => {
  it.each([
    "Sorry about my out-of-office yesterday, I'm back now. Happy to talk Thursday?",
    "I got your auto-reply saying you're out of the office until 14 December, so let's talk after.",
    "Translation of the auto-reply: 'Je suis absent jusqu'au 14 décembre'. Can you read French?",
    'I was on vacation last week. Sure, send me the deck.',
    'Thanks Ana, not right now. Maybe in Q2.',
    "Hi, I'm interested. Can we talk on Monday 7th?",
    "I'll be available on Tuesday at 3pm for a call.",
    'My reply to you could not be delivered yesterday, so again: yes, I am interested.',
  ])('%s', (text) => {
    expect(classify({ text }).kind).toBe('reply');
  });

  const humanSentences = [
    'Thanks for reaching out.',
    'Happy to chat next week.',
    'Can you send pricing?',
    'We already use a competitor.',
    "I'm interested, let's set up a call.",
    'Not a priority this quarter.',
    'I was out of office last week, sorry for the delay.',
    'Please remove me from your list.',
    'Who else uses this?',
    'Sounds good, send me the deck.',
    'Ich war im Urlaub, jetzt gerne ein Gespräch.',
    "J'étais en congés, parlons la semaine prochaine.",
  ];
  it('property: no mix of human sentences, quoted original or not, pauses or is ignored', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...humanSentences), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (sentences, quoted) => {
          const original =
            '\n\nOn Tue, Dec 1, 2026 at 9:00 AM Rep <rep@stride.example> wrote:\n> I am out of the office until 14 December.';
          const text = sentences.join(' ') + (quoted ? original : '');
          expect(classify({ text }).kind).toBe('reply');
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('other automated mail changes nothing', () => {
  it.each([
    [
      'read receipt',
      {
        subject: 'Read: Quick question',
        text: 'Your message\n\nTo: Ana\nSubject: Quick question\n\nwas read on 01/12/2026 10:00.',
      },
      'read_receipt',
    ],
    [
      'QQ read receipt',
      { from: 'ana@qq.com', subject: '已读: Quick question', text: '这是邮件已读回执' },
      'read_receipt',
    ],
    [
      'MDN',
      {
        subject: 'Quick question',
        text: 'Displayed',
        reports: [
          {
            type: 'message/disposition-notification',
            text: 'Disposition: manual-action/MDN-sent-manually; displayed',
          },
        ],
      },
      'read_receipt',
    ],
    [
      'ticket',
      {
        from: 'support@b.example',
        subject: '[Ticket #12345] Re: Quick question',
        text: 'Thank you for contacting Acme Support. We have received your request and a ticket has been created.',
      },
      'ticket',
    ],
    [
      'German ticket',
      { text: 'Vielen Dank. Wir haben Ihre Anfrage erhalten und melden uns in Kürze.' },
      'ticket',
    ],
    ['noreply sender', { from: 'no-reply@b.example', text: 'Thanks!' }, 'noreply'],
    [
      'abuse report',
      {
        subject: 'Email Feedback Report',
        text: 'This is an email abuse report for an email message received from IP 192.0.2.1',
      },
      'abuse_report',
    ],
    [
      'mailbox no longer used',
      { text: 'This email inbox is no longer in use. Please contact sales@b.example.' },
      'responder',
    ],
    [
      'delay notice',
      {
        from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
        subject: 'Delivery Status Notification (Delay)',
        text: 'Delivery incomplete. Gmail will retry for 47 more hours.',
      },
      'delay',
    ],
    [
      'delay wording',
      {
        from: 'postmaster@b.example',
        subject: 'Mail status',
        text: 'This is a warning message only. Your message has not yet been delivered. The server will retry.',
      },
      'delay',
    ],
    [
      'DSN Action: delayed',
      {
        from: 'postmaster@b.example',
        subject: 'Warning',
        reports: [
          {
            type: 'message/delivery-status',
            text: 'Final-Recipient: rfc822; ana@example.org\nAction: delayed\nStatus: 4.4.7',
          },
        ],
      },
      'delay',
    ],
  ] as const)('%s', (_name, msg, automated) => {
    const result = classify(msg);
    expect(result.kind).toBe('auto_reply');
    expect(result.automated).toBe(automated);
    expect(result.resumeAt).toBeUndefined();
  });
});

describe('bounces of the named recipient', () => {
  it.each([
    [
      'Exchange NDR',
      {
        from: 'Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.com>',
        subject: 'Undeliverable: Quick question',
        text: "Delivery has failed to these recipients or groups:\n\nana@example.org\nThe email address you entered couldn't be found.",
      },
      true,
      undefined,
    ],
    [
      'DSN 5.1.1',
      {
        from: 'MAILER-DAEMON@mx.b.example',
        subject: 'Undelivered Mail Returned to Sender',
        reports: [
          {
            type: 'message/delivery-status',
            text: 'Final-Recipient: rfc822; Ana@Example.org\nAction: failed\nStatus: 5.1.1',
          },
        ],
      },
      true,
      '5.1.1',
    ],
    [
      'full mailbox (soft)',
      {
        from: 'mailer-daemon@b.example',
        subject: 'failure notice',
        text: 'Final-Recipient: rfc822; ana@example.org\nAction: failed\nStatus: 4.2.2\n',
      },
      false,
      '4.2.2',
    ],
    [
      'Japanese carrier from a noreply sender',
      {
        from: 'no-reply@dion.ne.jp',
        subject: 'メールエラー通知',
        text: '送信できませんでした。\nCould not be delivered to: <ana@example.org>\nAs their mailbox is full.',
      },
      false,
      undefined,
    ],
    [
      'qmail (seed 004 wording)',
      {
        from: 'MAILER-DAEMON@b.example',
        subject: 'failure notice',
        text: 'Hi. This is the qmail-send program.\n<ana@example.org>:\nSorry, no mailbox here by that name.',
      },
      true,
      undefined,
    ],
  ] as const)('%s', (_name, msg, permanent, status) => {
    const result = classify(msg);
    expect(result.kind).toBe('bounce');
    expect(result.bounce?.permanent).toBe(permanent);
    expect(result.bounce?.status).toBe(status);
    expect(result.automated).toBe(permanent ? 'hard_bounce' : 'soft_bounce');
  });

  it('names the failed recipient from the report', () => {
    const dsn = classify({
      from: 'MAILER-DAEMON@mx.b.example',
      subject: 'Undelivered Mail Returned to Sender',
      reports: [
        {
          type: 'message/delivery-status',
          text: 'Final-Recipient: rfc822; Ana@Example.org\nAction: failed\nStatus: 5.1.1',
        },
      ],
    });
    expect(dsn.bounce?.recipients).toEqual(['ana@example.org']);
    const carrier = classify({
      from: 'no-reply@dion.ne.jp',
      subject: 'メールエラー通知',
      text: 'Could not be delivered to: <ana@example.org>',
    });
    expect(carrier.bounce?.recipients).toEqual(['ana@example.org']);
  });
});

import { describe, expect, it } from 'vitest';
import { htmlToText, parseRawMessage } from '../../../../shared/replies/parse-raw-message';

const crlf = (lines: string[]) => lines.join('\r\n');

const dsn = crlf([
  'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
  'To: rep@stride.example',
  'Subject: Undelivered Mail Returned to Sender',
  'Date: Tue, 01 Dec 2026 10:00:00 +0100',
  'Message-ID: <dsn-1@mx.example.net>',
  'Auto-Submitted: auto-replied',
  'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
  '',
  '--B',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'I am sorry to have to inform you that your message could not be delivered.',
  '--B',
  'Content-Type: message/delivery-status',
  '',
  'Reporting-MTA: dns; mx.example.net',
  '',
  'Final-Recipient: rfc822; ana@example.org',
  'Action: failed',
  'Status: 5.1.1',
  '--B',
  'Content-Type: message/rfc822',
  '',
  'From: rep@stride.example',
  'To: ana@example.org',
  'Message-ID: <ours-1@stride.example>',
  'Subject: Quick question',
  '',
  'Are you back on Monday? Our pitch text must never be read as theirs.',
  '--B--',
  '',
]);

describe('parseRawMessage', () => {
  it('reads headers, ids and the report parts of a DSN without inlining the returned message', async () => {
    const m = await parseRawMessage(dsn);
    expect(m.from).toBe('Mail Delivery System <MAILER-DAEMON@mx.example.net>');
    expect(m.subject).toBe('Undelivered Mail Returned to Sender');
    expect(m.messageId).toBe('dsn-1@mx.example.net');
    expect(m.date).toBe('2026-12-01T09:00:00.000Z');
    expect(m.headers?.['Auto-Submitted']).toBe('auto-replied');
    expect(m.text).toContain('could not be delivered');
    expect(m.text).not.toContain('pitch');
    expect(m.reports?.map((r) => r.type)).toEqual(['message/delivery-status', 'text/rfc822-headers']);
    expect(m.reports?.[0]?.text).toContain('Status: 5.1.1');
    expect(m.reports?.[1]?.text).toContain('To: ana@example.org');
    expect(m.reports?.[1]?.text).not.toContain('pitch');
  });

  it('decodes encoded words, quoted-printable bodies and threading headers', async () => {
    const m = await parseRawMessage(
      crlf([
        'From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <jm@example.de>',
        'To: Rep <rep@stride.example>, Other <o@example.org>',
        'Subject: =?UTF-8?Q?Abwesenheitsnotiz:_Ihre_Anfrage?=',
        'In-Reply-To: <ours-1@stride.example>',
        'References: <ours-0@stride.example> <ours-1@stride.example>',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Ich bin bis einschl. 15.1. nicht im B=C3=BCro.',
        '',
      ]),
    );
    expect(m.from).toBe('Jürgen Müller <jm@example.de>');
    expect(m.subject).toBe('Abwesenheitsnotiz: Ihre Anfrage');
    expect(m.text).toContain('nicht im Büro');
    expect(m.inReplyTo).toBe('ours-1@stride.example');
    expect(m.references).toEqual(['ours-0@stride.example', 'ours-1@stride.example']);
    expect(m.to).toEqual(['rep@stride.example', 'o@example.org']);
    expect(m.date).toBeUndefined();
  });

  it('falls back to the text of an HTML-only body', async () => {
    const m = await parseRawMessage(
      crlf([
        'From: a@example.org',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<html><head><style>p{}</style></head><body><p>Out of office&nbsp;until</p><div>Monday &amp; back</div></body></html>',
      ]),
    );
    expect(m.text).toBe('Out of office until\nMonday & back');
    expect(m.html).toContain('<p>');
  });
});

describe('htmlToText', () => {
  it('drops quoted blocks and keeps line structure', () => {
    expect(htmlToText('Thanks!<br>Ana<blockquote>On Monday we wrote…</blockquote>&#8212;&#x41;')).toBe(
      'Thanks!\nAna\n—A',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { buildMime, composeBodies } from '../../../server/providers/mime';
import { FIXED_NOW, sampleEmail } from './helpers/emails';
import { findPart, parseMime } from './helpers/parse-mime';

describe('buildMime', () => {
  it('builds the sequence email with every header the contract requires', async () => {
    const email = sampleEmail({
      subject: 'Re: Quick question',
      inReplyTo: '<first@stride.test>',
      references: ['<first@stride.test>'],
      headers: { 'X-Campaign': 'q2' },
    });
    const raw = (await buildMime(email, FIXED_NOW)).toString('utf8');
    const mime = parseMime(raw);
    expect(mime.header('message-id')).toBe(email.messageId);
    expect(mime.header('from')).toBe('Ann Rep <ann@sender.test>');
    expect(mime.header('to')).toBe('Bob Prospect <bob@recipient.test>');
    expect(mime.header('subject')).toBe('Re: Quick question');
    expect(mime.header('in-reply-to')).toBe('<first@stride.test>');
    expect(mime.header('references')).toBe('<first@stride.test>');
    expect(mime.header('date')).toBe('Wed, 01 May 2024 12:00:00 +0000');
    expect(mime.header('list-unsubscribe')).toBe(
      '<https://stride.test/u/abc.def>, <mailto:unsubscribe+abc@stride.test>',
    );
    expect(mime.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mime.header('x-stride-email-id')).toBe(email.correlationId);
    expect(mime.header('x-campaign')).toBe('q2');
    expect(mime.contentType).toMatch(/^multipart\/alternative/);
    // Every line ends in CRLF: SMTP servers reject or rewrite bare LF.
    expect(raw.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('appends the signature to both parts, inside <body> and after the RFC 3676 separator', async () => {
    const mime = parseMime(await buildMime(sampleEmail(), FIXED_NOW));
    const text = findPart(mime, 'text/plain')?.body;
    const html = findPart(mime, 'text/html')?.body;
    expect(text).toBe(
      'Hi Bob,\r\nare you the right person to talk to?\r\n\r\n-- \r\nAnn Rep\r\nAccount Executive',
    );
    expect(html).toContain('<div class="stride-signature">Ann Rep<br>');
    expect(html).toMatch(/Account Executive<\/div><\/body><\/html>$/);
  });

  it('escapes a plain-text signature in HTML and takes a rich one as given', () => {
    const plain = composeBodies(sampleEmail({ signature: 'Ann <CEO> & co' }));
    expect(plain.html).toContain('Ann &lt;CEO&gt; &amp; co');
    const rich = composeBodies(sampleEmail({ signature: { text: 'Ann', html: '<b>Ann</b>' } }));
    expect(rich.html).toContain('<div class="stride-signature"><b>Ann</b></div>');
    expect(rich.text.endsWith('-- \nAnn')).toBe(true);
  });

  it('sends text alone when there is no HTML, and no list headers when none are given', async () => {
    const email = sampleEmail({ html: undefined, signature: undefined, listUnsubscribe: undefined });
    const mime = parseMime(await buildMime(email, FIXED_NOW));
    expect(mime.contentType).toMatch(/^text\/plain/);
    expect(mime.body).toBe('Hi Bob,\r\nare you the right person to talk to?');
    expect(mime.header('list-unsubscribe')).toBeUndefined();
  });

  it('round-trips non-ASCII subjects, names and bodies', async () => {
    const email = sampleEmail({
      subject: 'Grüße aus München – 東京',
      to: { address: 'jose@recipient.test', name: 'José Núñez' },
      text: 'Olá José, ça va? 😀',
      html: undefined,
      signature: undefined,
    });
    const mime = parseMime(await buildMime(email, FIXED_NOW));
    expect(mime.header('subject')).toBe('Grüße aus München – 東京');
    expect(mime.header('to')).toBe('José Núñez <jose@recipient.test>');
    expect(mime.body).toBe('Olá José, ça va? 😀');
  });

  it.each([
    ['a Message-ID without brackets', { messageId: 'abc@stride.test' }],
    ['a subject with a line break', { subject: 'Hi\r\nBcc: victim@x.test' }],
    ['a caller header that the builder owns', { headers: { 'Message-ID': '<other@x.test>' } }],
    ['a caller header with a line break', { headers: { 'X-Note': 'a\r\nBcc: victim@x.test' } }],
    ['a non-http unsubscribe URL', { listUnsubscribe: { url: 'javascript:alert(1)' } }],
    [
      'an unsubscribe URL that would end the header',
      { listUnsubscribe: { url: 'https://x.test/u>, <https://evil.test' } },
    ],
    ['a bad In-Reply-To', { inReplyTo: 'not-an-id' }],
  ])('refuses %s', async (_label, overrides) => {
    await expect(buildMime(sampleEmail(overrides), FIXED_NOW)).rejects.toThrow(TypeError);
  });
});

import { describe, expect, it } from 'vitest';
import { htmlToPlainText, sanitizeEmailHtml } from '../../../../../server/domain/html/email-html';

describe('sanitizeEmailHtml', () => {
  it("keeps the editor's markup and template placeholders", () => {
    const body =
      '<p>Hi {{firstName}}, <strong>bold</strong> and <em>italic</em></p>' +
      '<ul><li>one</li></ul><ol><li>two</li></ol>' +
      '<p><a href="{{meetingLink}}">book</a> <a href="https://acme.example/p?a=1&amp;b=2">pricing</a></p>' +
      '<p><img src="https://cdn.example/logo.png" alt="Logo"></p>';
    expect(sanitizeEmailHtml(body)).toBe(body.replace('alt="Logo">', 'alt="Logo" />'));
  });

  it('drops scripts, handlers, styles, frames and dangerous URLs', () => {
    const dirty =
      '<p onclick="steal()" style="color:red">Hi<script>steal()</script></p>' +
      '<a href="javascript:alert(1)">x</a><img src="data:image/png;base64,AAAA" onerror="x()">' +
      '<iframe src="https://evil.example"></iframe><style>p{}</style><form><input></form>';
    const clean = sanitizeEmailHtml(dirty);
    expect(clean).toBe('<p>Hi</p><a>x</a><img />');
  });

  it('makes a link that opens a new tab unable to reach its opener', () => {
    expect(sanitizeEmailHtml('<a href="https://a.example" target="_blank">a</a>')).toBe(
      '<a href="https://a.example" target="_blank" rel="noopener noreferrer">a</a>',
    );
  });

  it('leaves a plain-text body exactly as written', () => {
    const plain = 'Hi {{firstName}},\nQ&A: is 3 < 4? Yes & no.';
    expect(sanitizeEmailHtml(plain)).toBe(plain);
  });
});

describe('htmlToPlainText', () => {
  it('keeps paragraphs, list bullets and link targets', () => {
    const html =
      '<p>Hi <strong>Pat</strong>, see <a href="https://acme.example/pricing">pricing</a>.</p>' +
      '<ul><li>one</li><li>two</li></ul><p>Thanks &amp; bye<br>Rita</p>';
    expect(htmlToPlainText(html)).toBe(
      'Hi Pat, see pricing [https://acme.example/pricing].\n\n * one\n * two\n\nThanks & bye\nRita',
    );
  });

  it('says a link once when its text is its address, and leaves images out', () => {
    expect(
      htmlToPlainText('<p><a href="https://a.example">https://a.example</a><img src="https://x/y.png"></p>'),
    ).toBe('https://a.example');
  });
});

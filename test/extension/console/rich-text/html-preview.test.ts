import { describe, expect, it } from 'vitest';
import { previewHtml } from '../../../../extension/ui/console/ui/rich-text/html-preview';

describe('the preview of an HTML body', () => {
  it('keeps the formatting, drops what could run in the console, and marks unfilled tags in text only', () => {
    const out = previewHtml(
      '<p onclick="x()">Hi <strong>Ada</strong> {{fields.plan}}<script>x()</script></p>' +
        '<ul><li>one</li></ul><a href="javascript:x()">bad</a> <a href="{{meetingLink}}">book</a>' +
        '<img src="https://acme.test/l.png" alt="logo" onerror="x()">',
    );
    expect(out).toContain('<strong>Ada</strong>');
    expect(out).toContain('<mark class="c-gap">{{fields.plan}}</mark>');
    expect(out).toContain('<ul><li><p>one</p></li></ul>');
    expect(out).toContain('href="{{meetingLink}}"');
    expect(out).toContain('<img src="https://acme.test/l.png" alt="logo">');
    for (const bad of ['onclick', 'script', 'javascript:', 'onerror']) expect(out).not.toContain(bad);
  });
});

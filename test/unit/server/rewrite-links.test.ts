import { describe, expect, it } from 'vitest';
import { rewriteLinks } from '../../../server/engagement/rewrite-links';

const track = (html: string, keep?: (url: string) => boolean) =>
  rewriteLinks(html, { trackedUrl: (l) => `https://t.example/t/c/${l.index}`, keep });

describe('rewriteLinks', () => {
  it('rewrites web links in order and reports them decoded', () => {
    const r = track(
      '<p><a href="https://a.example/x?a=1&amp;b=2">A</a> and <a class="k" href=\'http://b.example\'>B</a></p>',
    );
    expect(r.html).toBe(
      '<p><a href="https://t.example/t/c/0">A</a> and <a class="k" href="https://t.example/t/c/1">B</a></p>',
    );
    expect(r.links).toEqual([
      { index: 0, url: 'https://a.example/x?a=1&b=2' },
      { index: 1, url: 'http://b.example' },
    ]);
  });

  it('leaves mailto, tel, anchors, relative links and hrefless anchors alone', () => {
    const html =
      '<a href="mailto:x@y.example">m</a><a href="tel:+1555">t</a><a href="#top">a</a><a href="/rel">r</a><a name="n">n</a>';
    expect(track(html)).toEqual({ html, links: [] });
  });

  it('never rewrites the kept (unsubscribe) link', () => {
    const html =
      '<a href="https://s.example/api/unsubscribe/abc.def">Unsubscribe</a><a href="https://x.example">x</a>';
    const r = track(html, (u) => u.includes('/api/unsubscribe/'));
    expect(r.html).toBe(
      '<a href="https://s.example/api/unsubscribe/abc.def">Unsubscribe</a><a href="https://t.example/t/c/0">x</a>',
    );
  });

  it('ignores links inside comments and scripts and keeps the rest byte for byte', () => {
    const html =
      '<!-- <a href="https://c.example">c</a> --><script>var s = \'<a href="https://s.example">\'</script>' +
      '<A HREF=https://u.example/p TITLE="x &amp; y">U</A> &copy; é';
    const r = track(html);
    expect(r.links).toEqual([{ index: 0, url: 'https://u.example/p' }]);
    expect(r.html).toBe(
      '<!-- <a href="https://c.example">c</a> --><script>var s = \'<a href="https://s.example">\'</script>' +
        '<A HREF="https://t.example/t/c/0" TITLE="x &amp; y">U</A> &copy; é',
    );
  });

  it('escapes the tracked URL for the attribute', () => {
    const r = rewriteLinks('<a href="https://a.example">a</a>', {
      trackedUrl: () => 'https://t.example/?a=1&b="2"',
    });
    expect(r.html).toBe('<a href="https://t.example/?a=1&amp;b=&quot;2&quot;">a</a>');
  });
});

import { describe, expect, it, vi } from 'vitest';
import {
  decodeEncodedWords,
  headersFromView,
  parseHeaderBlock,
} from '../../extension/hosts/gmail/header-block';
import {
  createHeaderFetcher,
  originalSourceUrl,
  readHeaderPrefix,
} from '../../extension/hosts/gmail/original-headers';

const GMAIL = { origin: 'https://mail.google.com', pathname: '/mail/u/2/#inbox/FMfcgz' };

/** A stream that hands out `chunks` one by one and records how far it was read. */
function stream(chunks: string[]) {
  const encoder = new TextEncoder();
  const state = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[state.pulled++];
      if (next === undefined) controller.close();
      else controller.enqueue(encoder.encode(next));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { body, state };
}

const AUTO_REPLY = [
  'Delivered-To: rep@example.test',
  'Received: by 2002:a05:6a10:1234 with SMTP id abc;',
  '        Tue, 4 Mar 2025 09:15:02 -0800 (PST)',
  'Message-ID: <ooo-1@acme.test>',
  'In-Reply-To: <step-1@stride.test>',
  'References: <step-0@stride.test>',
  '\t<step-1@stride.test>',
  'Auto-Submitted: auto-replied',
  'X-Autoreply: yes',
  'Precedence: bulk',
  'List-Id: =?utf-8?Q?Acme_Ank=C3=BCndigungen?= <news.acme.test>',
  'Subject: =?iso-8859-1?B?QWJ3ZXNlbmQ6IFByZWlzZQ==?=',
  'Content-Type: multipart/report; report-type=delivery-status;',
  ' boundary="b1"',
].join('\r\n');

describe('header block of a message’s original source', () => {
  it('unfolds folded lines and keeps only the headers the classifier reads', () => {
    expect(parseHeaderBlock(AUTO_REPLY)).toEqual({
      'Message-ID': '<ooo-1@acme.test>',
      'In-Reply-To': '<step-1@stride.test>',
      References: '<step-0@stride.test> <step-1@stride.test>',
      'Auto-Submitted': 'auto-replied',
      'X-Autoreply': 'yes',
      Precedence: 'bulk',
      'List-Id': 'Acme Ankündigungen <news.acme.test>',
      'Content-Type': 'multipart/report; report-type=delivery-status; boundary="b1"',
    });
  });

  it('decodes RFC 2047 words in B and Q, in UTF-8 and Latin-1, joining adjacent ones', () => {
    expect(decodeEncodedWords('=?iso-8859-1?B?QWJ3ZXNlbmQ6IFByZWlzZQ==?=')).toBe('Abwesend: Preise');
    expect(decodeEncodedWords('=?UTF-8?Q?=E8=87=AA=E5=8A=A8?= =?UTF-8?Q?=E5=9B=9E=E5=A4=8D?= ok')).toBe(
      '自动回复 ok',
    );
    expect(decodeEncodedWords('=?iso-8859-1?q?Caf=E9?=')).toBe('Café');
    // An unknown charset stays as written instead of dropping the header.
    expect(decodeEncodedWords('=?x-unknown?B?QQ==?=')).toBe('=?x-unknown?B?QQ==?=');
  });

  it('takes the first occurrence of a header and stops at the blank line before the body', () => {
    const block = 'Precedence: list\nPrecedence: bulk\n\nAuto-Submitted: auto-replied\n';
    expect(parseHeaderBlock(block)).toEqual({ Precedence: 'list' });
  });

  it('drops the last line when the byte budget cut the block, since it may continue folded', () => {
    const cut = 'Auto-Submitted: auto-replied\nReferences: <a@x.test>\n <b@x';
    expect(parseHeaderBlock(cut, false)).toEqual({
      'Auto-Submitted': 'auto-replied',
      References: '<a@x.test>',
    });
  });

  it('reads the source out of the HTML "Show original" page, unescaping it', () => {
    const page = `<html><body><table><tr><td>Message ID</td><td>&lt;ooo-1@acme.test&gt;</td></tr></table>
<pre class="raw_message_text" id="raw_message_text">Message-ID: &lt;ooo-1@acme.test&gt;
X-Autorespond: Dana&#39;s vacation &amp; travel
Subject: Away

I am away.</pre></body></html>`;
    expect(headersFromView(page, true)).toEqual({
      'Message-ID': '<ooo-1@acme.test>',
      'X-Autorespond': "Dana's vacation & travel",
    });
    expect(headersFromView('<html>Sign in to continue</html>', true)).toBeUndefined();
  });
});

describe('reading "Show original" within a budget', () => {
  it('builds the same-origin address from InboxSDK’s hex id and the account in the path', () => {
    expect(originalSourceUrl(GMAIL, '18c2f0a2')).toBe(
      `https://mail.google.com/mail/u/2/?view=om&permmsgid=msg-f:${BigInt('0x18c2f0a2').toString()}`,
    );
    expect(originalSourceUrl({ origin: 'https://mail.google.com', pathname: '/' }, 'ff')).toBe(
      'https://mail.google.com/mail/u/0/?view=om&permmsgid=msg-f:255',
    );
    expect(() => originalSourceUrl(GMAIL, '../x')).toThrow();
  });

  it('stops reading at the blank line and lets the body go unread', async () => {
    const { body, state } = stream([
      'Auto-Submitted: auto-rep',
      'lied\r\nSubject: x\r\n\r\nbody…',
      'more',
      'more',
    ]);
    const { text, complete } = await readHeaderPrefix(body, 64 * 1024);
    expect(complete).toBe(true);
    expect(headersFromView(text, complete)).toEqual({ 'Auto-Submitted': 'auto-replied' });
    expect(state.pulled).toBeLessThanOrEqual(3);
    expect(state.cancelled).toBe(true);
  });

  it('stops at the byte budget when the header block is longer, keeping the whole lines read', async () => {
    const long = `X-Autoreply: yes\r\nReceived: ${'x'.repeat(5000)}\r\n`;
    const { body, state } = stream([long, 'Auto-Submitted: auto-replied\r\n\r\nbody']);
    const { text, complete } = await readHeaderPrefix(body, 1024);
    expect(complete).toBe(false);
    expect(new TextEncoder().encode(text).byteLength).toBeLessThanOrEqual(1024);
    expect(headersFromView(text, complete)).toEqual({ 'X-Autoreply': 'yes' });
    expect(state.cancelled).toBe(true);
  });

  it('keeps at most N requests in flight, remembers answers, and gives up past the timeout', async () => {
    vi.useFakeTimers();
    try {
      let inFlight = 0;
      let peak = 0;
      const fetched: string[] = [];
      const fetchFake = (url: RequestInfo | URL, init?: RequestInit) => {
        fetched.push(String(url));
        inFlight++;
        peak = Math.max(peak, inFlight);
        return new Promise<Response>((resolve, reject) => {
          // One message never answers: only the timeout ends it.
          if (String(url).endsWith(`${0xdead}`)) {
            init?.signal?.addEventListener('abort', () => {
              inFlight--;
              reject(new DOMException('aborted', 'AbortError'));
            });
            return;
          }
          setTimeout(() => {
            inFlight--;
            resolve(new Response('X-Autoreply: yes\r\n\r\n'));
          }, 100);
        });
      };
      const headersOf = createHeaderFetcher({
        fetch: fetchFake as typeof fetch,
        location: GMAIL,
        maxInFlight: 2,
        timeoutMs: 1_000,
      });
      const answers = Promise.all(['dead', 'a1', 'a2', 'a3', 'a1'].map((id) => headersOf(id)));
      await vi.advanceTimersByTimeAsync(2_000);
      expect(await answers).toEqual([
        undefined,
        { 'X-Autoreply': 'yes' },
        { 'X-Autoreply': 'yes' },
        { 'X-Autoreply': 'yes' },
        { 'X-Autoreply': 'yes' },
      ]);
      expect(peak).toBe(2);
      expect(fetched).toHaveLength(4);
      expect(await headersOf('not-an-id!')).toBeUndefined();
      expect(fetched).toHaveLength(4);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers "no headers" when Gmail refuses or sends a page without a source', async () => {
    const headersOf = createHeaderFetcher({
      fetch: (async (url: RequestInfo | URL) =>
        String(url).includes(`${0xbad}`)
          ? new Response('denied', { status: 403 })
          : new Response('<html>Sign in</html>')) as typeof fetch,
      location: GMAIL,
    });
    expect(await headersOf('bad')).toBeUndefined();
    expect(await headersOf('ab')).toBeUndefined();
  });
});

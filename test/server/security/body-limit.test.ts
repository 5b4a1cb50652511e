import { describe, expect, it } from 'vitest';
import { BODY_LIMITS } from '../../../server/http/body-limit';
import { ADMIN, useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

/** JSON whose parsed value is `value`, padded with whitespace to `bytes` bytes. */
const padded = (value: unknown, bytes: number) => {
  const json = JSON.stringify(value);
  return `${json.slice(0, -1)}${' '.repeat(Math.max(0, bytes - json.length))}}`;
};

/** A body sent in chunks with no Content-Length, as a client streaming an upload would. */
function streamed(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + 64 * 1024));
      at += 64 * 1024;
    },
  });
}

/** Finding 5: no route limited the size of what it read. */
describe.each(backends)('request body size limits (%s)', (backend) => {
  const t = useTestApp(backend);

  async function send(
    path: string,
    body: string | ReadableStream<Uint8Array>,
    headers: Record<string, string> = {},
  ) {
    const res = await t.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminToken}`, ...headers },
      body,
      ...(typeof body !== 'string' && { duplex: 'half' }),
    } as RequestInit);
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {}
    return { status: res.status, json };
  }

  async function contactCount() {
    const r = await t.call('GET', '/api/contacts?limit=1000');
    return r.body.items.length as number;
  }

  it('a signed-in JSON route refuses a body over the limit with 413 in the error envelope, storing nothing', async () => {
    const before = await contactCount();
    const big = padded({ email: 'big@example.test' }, BODY_LIMITS.signedIn + 1);
    for (const body of [big, streamed(big)]) {
      const r = await send('/api/contacts', body);
      expect(r.status).toBe(413);
      expect(r.json.error.code).toBe('payload_too_large');
      expect(r.json.error.message).toMatch(/4 MiB/);
    }
    // A declared length over the limit is refused without reading a byte.
    const declared = await send('/api/contacts', '{}', {
      'content-length': String(BODY_LIMITS.signedIn + 1),
    });
    expect(declared.status).toBe(413);
    expect(await contactCount()).toBe(before);

    const fits = await send(
      '/api/contacts',
      padded({ email: 'fits@example.test' }, BODY_LIMITS.signedIn - 1024),
    );
    expect(fits.status).toBe(201);
    expect(await contactCount()).toBe(before + 1);
  });

  it('before login the limit is far tighter: sign-in and unsubscribe', async () => {
    const over = padded({ email: ADMIN.email, password: ADMIN.password }, BODY_LIMITS.beforeLogin + 1);
    expect(BODY_LIMITS.beforeLogin).toBeLessThanOrEqual(64 * 1024);
    for (const body of [over, streamed(over)]) {
      const r = await send('/api/auth/login', body, { authorization: '' });
      expect(r.status).toBe(413);
      expect(r.json.error.code).toBe('payload_too_large');
    }
    const ok = await send('/api/auth/login', padded({ email: ADMIN.email, password: ADMIN.password }, 4096), {
      authorization: '',
    });
    expect(ok.status).toBe(200);

    const unsub = await send(
      '/api/unsubscribe/eml_x.abc',
      `List-Unsubscribe=One-Click&x=${'a'.repeat(BODY_LIMITS.beforeLogin)}`,
      {
        authorization: '',
        'content-type': 'application/x-www-form-urlencoded',
      },
    );
    expect(unsub.status).toBe(413);
  });

  it('webhooks get their own limit, with the same envelope', async () => {
    const r = await send('/api/webhooks/mailgun/mbx_none', streamed(padded({}, BODY_LIMITS.webhook + 1)), {
      authorization: '',
    });
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe('payload_too_large');
    expect(r.json.error.message).toMatch(/5 MiB/);
    // Larger than other routes may send, within the webhook limit: it reaches the route (no such mailbox).
    expect(BODY_LIMITS.webhook).toBeGreaterThan(BODY_LIMITS.signedIn);
    const fits = await send(
      '/api/webhooks/mailgun/mbx_none',
      streamed(padded({}, BODY_LIMITS.signedIn + 64 * 1024)),
      { authorization: '' },
    );
    expect(fits.status).toBe(404);
  });

  it('the CSV import keeps its own larger limit', async () => {
    const rows = ['email,notes'];
    const note = 'x'.repeat(4000);
    for (let i = 0; rows.join('\n').length < BODY_LIMITS.signedIn + 64 * 1024; i++)
      rows.push(`imp${i}@example.test,${note}`);
    const r = await send('/api/contacts/import', rows.join('\n'), { 'content-type': 'text/csv' });
    expect(r.status).toBe(200);
    expect(r.json.created).toBe(rows.length - 1);
  });
});

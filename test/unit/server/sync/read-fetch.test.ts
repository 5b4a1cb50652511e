import { describe, expect, it } from 'vitest';
import { retryStaleReads } from '../../../../server/sync/sources/read-fetch';

const reset = () => Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });

function flaky(failures: unknown[]) {
  const calls: string[] = [];
  const fetchFn = (async (_input: unknown, init?: RequestInit) => {
    calls.push(init?.method ?? 'GET');
    const next = failures.shift();
    if (next) throw next;
    return new Response('ok');
  }) as typeof fetch;
  return { calls, fetchFn };
}

describe('retryStaleReads', () => {
  it('tries a GET once more when the reused connection was closed by the server', async () => {
    const f = flaky([reset()]);
    const r = await retryStaleReads(f.fetchFn)('http://api.test/history');
    expect(await r.text()).toBe('ok');
    expect(f.calls).toEqual(['GET', 'GET']);
  });

  it('never repeats a POST, another error, or a second reset', async () => {
    const post = flaky([reset()]);
    await expect(
      retryStaleReads(post.fetchFn)('http://api.test/token', { method: 'POST' }),
    ).rejects.toThrow();
    expect(post.calls).toEqual(['POST']);
    const refused = flaky([
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
    ]);
    await expect(retryStaleReads(refused.fetchFn)('http://api.test/x')).rejects.toThrow();
    expect(refused.calls).toHaveLength(1);
    const twice = flaky([reset(), reset()]);
    await expect(retryStaleReads(twice.fetchFn)('http://api.test/x')).rejects.toThrow();
    expect(twice.calls).toHaveLength(2);
  });
});

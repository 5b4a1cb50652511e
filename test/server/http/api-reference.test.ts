import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/test-app';

describe('/docs works offline', () => {
  const t = useTestApp('pglite');

  it('references only same-origin assets, and serves the reference script itself', async () => {
    const page = await t.app.request('/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/^\/(?!\/)/);
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
    expect(html).toContain('/api/openapi.json');

    const script = refs.find((r) => r.endsWith('.js')) as string;
    const js = await t.app.request(script);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await js.text()).toContain('createApiReference');
  });
});

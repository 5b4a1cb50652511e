import { describe, expect, it } from 'vitest';
import { apiTokens, users } from '../../../server/db/schema';
import { ADMIN, useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

describe.each(backends)('sign-in, tokens and users on %s', (backend) => {
  const t = useTestApp(backend);

  it('signs in with a random token that is stored only as a hash, and never returns secrets', async () => {
    const r = await t.call('POST', '/api/auth/login', {
      token: null,
      body: { email: ADMIN.email.toUpperCase(), password: ADMIN.password },
    });
    expect(r.status).toBe(200);
    expect(r.body.token).toMatch(/^stride_[A-Za-z0-9_-]{43}$/);
    expect(Object.keys(r.body.user).sort()).toEqual(['email', 'id', 'name', 'role']);
    const stored = await t.db.database.db.select().from(apiTokens);
    expect(stored.some((s) => s.tokenHash === r.body.token)).toBe(false);
    expect(JSON.stringify(stored)).not.toContain(r.body.token);
    const [admin] = await t.db.database.db.select().from(users);
    expect(admin?.passwordHash).toMatch(/^scrypt\$/);
    expect((await t.call('GET', '/api/me', { token: r.body.token })).body).toEqual(r.body.user);
  });

  it('refuses wrong credentials with 401, then rate-limits repeated failures with 429', async () => {
    const wrong = await t.call('POST', '/api/auth/login', {
      token: null,
      body: { email: 'victim@example.test', password: 'guess-0' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    for (let i = 1; i < 5; i++) {
      await t.call('POST', '/api/auth/login', {
        token: null,
        body: { email: 'victim@example.test', password: `guess-${i}` },
      });
    }
    const limited = await t.call('POST', '/api/auth/login', {
      token: null,
      body: { email: 'victim@example.test', password: 'guess-5' },
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    t.clock.advance(61_000);
    const later = await t.call('POST', '/api/auth/login', {
      token: null,
      body: { email: 'victim@example.test', password: 'guess-6' },
    });
    expect(later.status).toBe(401);
  });

  it('needs a valid bearer token on every private route', async () => {
    expect((await t.call('GET', '/api/me', { token: null })).status).toBe(401);
    expect((await t.call('GET', '/api/me', { token: 'stride_forged' })).status).toBe(401);
    expect(
      (await t.call('GET', '/api/contacts', { headers: { authorization: 'Basic abc' }, token: null })).status,
    ).toBe(401);
    expect((await t.call('GET', '/api/openapi.json', { token: null })).status).toBe(200);
  });

  it('lets only admins create and list users; reps get 403; duplicates 409; weak input 400', async () => {
    const rep = await t.createUser('rep');
    const byRep = await t.call('POST', '/api/users', {
      token: rep.token,
      body: { email: 'x@example.test', name: 'X', password: 'long-enough-1', role: 'admin' },
    });
    expect(byRep.status).toBe(403);
    expect((await t.call('GET', '/api/users', { token: rep.token })).status).toBe(403);
    const dup = await t.call('POST', '/api/users', {
      body: { email: rep.email.toUpperCase(), name: 'Dup', password: 'long-enough-1', role: 'rep' },
    });
    expect(dup.status).toBe(409);
    const weak = await t.call('POST', '/api/users', {
      body: { email: 'nope', name: '', password: 'short', role: 'boss' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'email',
      'name',
      'password',
      'role',
    ]);
    const list = await t.call('GET', '/api/users');
    expect(list.status).toBe(200);
    const text = JSON.stringify(list.body);
    expect(text).not.toMatch(/scrypt|password|hash|token/i);
  });

  it('allows the extension origin by CORS and no website', async () => {
    const ext = await t.call('OPTIONS', '/api/me', {
      token: null,
      headers: {
        origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
        'access-control-request-method': 'GET',
      },
    });
    expect(ext.headers.get('access-control-allow-origin')).toBe(
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    );
    const site = await t.call('OPTIONS', '/api/me', {
      token: null,
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(site.headers.get('access-control-allow-origin')).toBeNull();
  });
});

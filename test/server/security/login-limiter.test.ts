import { describe, expect, it } from 'vitest';
import { createLoginLimiter } from '../../../server/auth/login-limiter';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

/**
 * Finding 7: the limit was checked before the (slow) password check and counted after it, so
 * parallel wrong passwords all got checked; and it was keyed by address alone, so ten guesses from
 * anywhere locked the owner out.
 */
describe.each(backends)('sign-in limits (%s)', (backend) => {
  const t = useTestApp(backend);
  const delays: number[] = [];

  function freshLimiter(maxClientFailures?: number) {
    delays.length = 0;
    t.deps.loginLimiter = createLoginLimiter({
      maxFailures: 5,
      windowMs: 60_000,
      baseDelayMs: 1000,
      maxDelayMs: 8000,
      ...(maxClientFailures && { maxClientFailures }),
      // Records the wait instead of sleeping: the test needs the number, not the time.
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    t.deps.config.trustProxy = true;
  }

  let n = 0;
  async function newUser() {
    n += 1;
    const user = { email: `limited${n}@example.test`, password: `limited-password-${n}` };
    const r = await t.call('POST', '/api/users', { body: { ...user, name: `Limited ${n}`, role: 'rep' } });
    expect(r.status).toBe(201);
    return user;
  }

  const login = (email: string, password: string, client: string) =>
    t.call('POST', '/api/auth/login', {
      token: null,
      body: { email, password },
      headers: { 'x-forwarded-for': client },
    });

  it('counts parallel wrong passwords before checking them: only maxFailures are checked', async () => {
    const user = await newUser();
    freshLimiter();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(user.email, `wrong-${i}`, '203.0.113.7')),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.body.error.code).toBe('too_many_attempts');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password is refused from that client until the window passes...
    expect((await login(user.email, user.password, '203.0.113.7')).status).toBe(429);
    t.clock.advance(61_000);
    expect((await login(user.email, user.password, '203.0.113.7')).status).toBe(200);
  });

  it('guesses from other clients slow the account down but never lock its owner out', async () => {
    const user = await newUser();
    freshLimiter();
    // The owner signed in from home before the attack.
    expect((await login(user.email, user.password, '198.51.100.1')).status).toBe(200);
    // Three attackers, five wrong guesses each, all in parallel.
    const attackers = ['192.0.2.1', '192.0.2.2', '192.0.2.3'];
    const guesses = await Promise.all(
      attackers.flatMap((ip) => Array.from({ length: 5 }, (_, i) => login(user.email, `guess-${i}`, ip))),
    );
    expect(guesses.every((g) => g.status === 401)).toBe(true);
    // Past the account's limit each guess waited longer, doubling to the cap.
    expect(delays.length).toBe(10);
    expect(Math.max(...delays)).toBe(8000);
    expect([...delays].sort((a, b) => a - b).slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
    // A sixth guess from an attacker is refused outright.
    expect((await login(user.email, 'guess-6', attackers[0]!)).status).toBe(429);

    // The owner, from a new place, still gets in: slowly, but not refused.
    delays.length = 0;
    expect((await login(user.email, user.password, '198.51.100.77')).status).toBe(200);
    expect(delays).toEqual([8000]);
    // From the place they signed in before, without even the delay.
    delays.length = 0;
    expect((await login(user.email, user.password, '198.51.100.1')).status).toBe(200);
    expect(delays).toEqual([]);
  });

  it('one client spraying many accounts is refused once it passes its own limit', async () => {
    freshLimiter(8);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await login(`nobody${i}@example.test`, 'x', '203.0.113.99')).status);
    expect(statuses.slice(0, 8).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(8).every((s) => s === 429)).toBe(true);
    // Another client is not affected.
    expect((await login('nobody0@example.test', 'x', '203.0.113.100')).status).toBe(401);
  });
});

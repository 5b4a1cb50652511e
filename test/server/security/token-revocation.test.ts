import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiTokens } from '../../../server/db/schema';
import { ADMIN, useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

/** Finding 8: tokens could not be revoked, and users could not be removed. */
describe.each(backends)('token revocation (%s)', (backend) => {
  const t = useTestApp(backend);

  const me = (token: string) => t.call('GET', '/api/me', { token });

  it('sign-out revokes the token used, and only it', async () => {
    const rep = await t.createUser('rep', 'Rita');
    const laptop = rep.token;
    const phone = await t.login(rep.email, `password-${rep.email.match(/user(\d+)/)?.[1]}-long`);
    const out = await t.call('POST', '/api/auth/logout', { token: laptop });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ revoked: true });
    expect((await me(laptop)).status).toBe(401);
    expect((await t.call('POST', '/api/auth/logout', { token: laptop })).status).toBe(401);
    expect((await me(phone)).status).toBe(200);
    // The row is kept, marked revoked: sign-ins stay auditable.
    const rows = await t.db.database.db.select().from(apiTokens).where(eq(apiTokens.userId, rep.id));
    expect(rows.filter((r) => r.revokedAt !== null)).toHaveLength(1);
  });

  it('requests checked together (one turn of the event loop, one lookup) each get their own token’s answer', async () => {
    const rita = await t.createUser('rep', 'Rita');
    const sam = await t.createUser('rep', 'Sam');
    const gone = await t.login(rita.email, `password-${rita.email.match(/user(\d+)/)?.[1]}-long`);
    expect((await t.call('POST', '/api/auth/logout', { token: gone })).status).toBe(200);
    const tokens = [rita.token, sam.token, gone, 'stride_not-a-token', rita.token, t.adminToken];
    const answers = await Promise.all(tokens.map(me));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 401, 401, 200, 200]);
    expect(answers.map((a) => (a.status === 200 ? (a.body as { id: string }).id : null))).toEqual([
      rita.id,
      sam.id,
      null,
      null,
      rita.id,
      (await me(t.adminToken)).body.id,
    ]);
  });

  it('a token is refused by the first request after its sign-out answered, even amid a burst', async () => {
    const rep = await t.createUser('rep', 'Burst');
    const second = await t.login(rep.email, `password-${rep.email.match(/user(\d+)/)?.[1]}-long`);
    // The sign-out and two reads are checked in one lookup, before the sign-out revokes the token.
    const [out, ...during] = await Promise.all([
      t.call('POST', '/api/auth/logout', { token: second }),
      me(second),
      me(second),
    ]);
    expect(out.body).toEqual({ revoked: true });
    expect(during.map((r) => r.status)).toEqual([200, 200]);
    const [after, other] = await Promise.all([me(second), me(rep.token)]);
    expect(after.status).toBe(401);
    expect(other.status).toBe(200);
  });

  it('a password change needs the current password and revokes every other token of the user', async () => {
    const rep = await t.createUser('rep', 'Paul');
    const n = rep.email.match(/user(\d+)/)?.[1];
    const password = `password-${n}-long`;
    const other = await t.login(rep.email, password);
    const colleague = await t.createUser('rep', 'Colleague');

    const wrong = await t.call('POST', '/api/me/password', {
      token: rep.token,
      body: { currentPassword: 'not-it-at-all', newPassword: 'brand-new-password' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([
      { path: 'currentPassword', message: 'does not match your current password' },
    ]);
    expect((await me(other)).status).toBe(200);

    const short = await t.call('POST', '/api/me/password', {
      token: rep.token,
      body: { currentPassword: password, newPassword: 'short' },
    });
    expect(short.status).toBe(400);
    expect(short.body.error.details[0].path).toBe('newPassword');

    const ok = await t.call('POST', '/api/me/password', {
      token: rep.token,
      body: { currentPassword: password, newPassword: 'brand-new-password' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ revokedTokens: 1 });
    expect((await me(rep.token)).status).toBe(200); // the token used stays valid
    expect((await me(other)).status).toBe(401);
    expect((await me(colleague.token)).status).toBe(200); // nobody else is touched
    const old = await t.call('POST', '/api/auth/login', {
      token: null,
      body: { email: rep.email, password },
    });
    expect(old.status).toBe(401);
    await t.login(rep.email, 'brand-new-password');
  });

  it('guessing the current password through a stolen token is limited like guessing it at sign-in', async () => {
    const rep = await t.createUser('rep', 'Guessed');
    const answers: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await t.call('POST', '/api/me/password', {
        token: rep.token,
        body: { currentPassword: `guess-number-${i}`, newPassword: 'attacker-password-1' },
      });
      answers.push(r.status);
    }
    expect(answers.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(answers.slice(5)).toEqual([429, 429]);
    t.clock.advance(61_000);
  });

  it('deactivation revokes all the user’s tokens and refuses sign-in; reactivation allows it again', async () => {
    const rep = await t.createUser('rep', 'Dana');
    const n = rep.email.match(/user(\d+)/)?.[1];
    const password = `password-${n}-long`;
    const second = await t.login(rep.email, password);

    const byRep = await t.call('PATCH', `/api/users/${rep.id}`, { token: second, body: { active: false } });
    expect(byRep.status).toBe(403);

    const off = await t.call('PATCH', `/api/users/${rep.id}`, { body: { active: false } });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id: rep.id, active: false });
    expect(off.body.deactivatedAt).toBe(t.clock.now().toISOString());
    expect((await me(rep.token)).status).toBe(401);
    expect((await me(second)).status).toBe(401);

    const login = await t.call('POST', '/api/auth/login', {
      token: null,
      body: { email: rep.email, password },
    });
    expect(login.status).toBe(403);
    expect(login.body.error.code).toBe('user_deactivated');
    // A wrong password says nothing about the account's state.
    const guess = await t.call('POST', '/api/auth/login', {
      token: null,
      body: { email: rep.email, password: 'wrong-guess-here' },
    });
    expect(guess.status).toBe(401);

    const list = await t.call('GET', '/api/users');
    expect(list.body.items.find((u: { id: string }) => u.id === rep.id)).toMatchObject({ active: false });

    const on = await t.call('PATCH', `/api/users/${rep.id}`, { body: { active: true } });
    expect(on.status).toBe(200);
    expect(on.body.active).toBe(true);
    expect(on.body.deactivatedAt).toBeUndefined();
    expect((await me(rep.token)).status).toBe(401); // old tokens stay revoked
    const fresh = await t.login(rep.email, password);
    expect((await me(fresh)).status).toBe(200);
  });

  it('the last active admin can be neither deactivated nor demoted; another admin can be', async () => {
    const adminId = (await me(t.adminToken)).body.id;
    const self = await t.call('PATCH', `/api/users/${adminId}`, { body: { active: false } });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('last_admin');
    const demote = await t.call('PATCH', `/api/users/${adminId}`, { body: { role: 'rep' } });
    expect(demote.status).toBe(409);
    expect((await me(t.adminToken)).status).toBe(200);

    const second = await t.createUser('admin', 'Second admin');
    // With a second admin, the first may step down; then the second is the last one.
    const first = await t.login(ADMIN.email, ADMIN.password);
    const stepDown = await t.call('PATCH', `/api/users/${adminId}`, {
      token: first,
      body: { active: false },
    });
    expect(stepDown.status).toBe(200);
    expect((await me(first)).status).toBe(401);
    const last = await t.call('PATCH', `/api/users/${second.id}`, {
      token: second.token,
      body: { role: 'rep' },
    });
    expect(last.status).toBe(409);
    const back = await t.call('PATCH', `/api/users/${adminId}`, {
      token: second.token,
      body: { active: true },
    });
    expect(back.status).toBe(200);
    t.adminToken = await t.login(ADMIN.email, ADMIN.password);
  });

  it('unknown ids and bad fields are refused with the failing fields; a rename keeps the rest', async () => {
    expect((await t.call('PATCH', '/api/users/usr_nope', { body: { active: false } })).status).toBe(404);
    const bad = await t.call('PATCH', '/api/users/usr_nope', { body: { active: 'no', extra: 1 } });
    expect(bad.status).toBe(400);
    const rename = await t.createUser('rep', 'Old name');
    const renamed = await t.call('PATCH', `/api/users/${rename.id}`, { body: { name: 'New name' } });
    expect(renamed.body).toMatchObject({ name: 'New name', active: true, role: 'rep' });
  });
});

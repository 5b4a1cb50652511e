import { OpenAPIHono } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../../server/app-env';
import { newId } from '../../../server/db/ids';
import {
  contacts,
  emails,
  enrollments,
  mailboxes,
  mailboxSync,
  sequences,
  users,
} from '../../../server/db/schema';
import {
  mailboxProviderSettings,
  providerMailbox,
  storeRefreshedTokens,
} from '../../../server/domain/mailboxes/mailbox-settings';
import { openJson } from '../../../server/domain/mailboxes/secret-box';
import { createOnError } from '../../../server/http/on-error';
import { requireAuth } from '../../../server/http/require-auth';
import { createProvider } from '../../../server/providers/create-provider';
import { mailboxRoutes } from '../../../server/routes/mailboxes/mailboxes.index';
import { ADMIN, useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

const SMTP_PASSWORD = 'smtp-pass-7f3a9c';
const SENDGRID_KEY = 'SG.secret-api-key-42';
const smtpSettings = {
  host: 'smtp.acme.test',
  port: 587,
  secure: false,
  user: 'rep',
  password: SMTP_PASSWORD,
};

describe.each(backends)('mailboxes (%s)', (backend) => {
  const t = useTestApp(backend);
  let seq = 0;
  const address = (prefix = 'rep') => `${prefix}${++seq}@acme.test`;
  const create = (body: Record<string, unknown>, token?: string) =>
    t.call('POST', '/api/mailboxes', { body, ...(token && { token }) });
  const row = async (id: string) =>
    (await t.db.database.db.select().from(mailboxes).where(eq(mailboxes.id, id)))[0]!;

  it('links an SMTP mailbox with the seed defaults and keeps the password sealed', async () => {
    const r = await create({ provider: 'smtp', address: address(), settings: smtpSettings });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      provider: 'smtp',
      dailyLimit: 50,
      hourlyLimit: 6,
      status: 'active',
      unsubscribeEnabled: true,
      openTracking: false,
      hasCredentials: true,
      settingsHints: { host: 'smtp.acme.test', port: 587, secure: false, hasPassword: true },
    });
    expect(r.body).not.toHaveProperty('settings');
    const stored = await row(r.body.id);
    expect(stored.settingsEncrypted).toMatch(/^v1\./);
    expect(stored.settingsEncrypted).not.toContain(SMTP_PASSWORD);
    expect(openJson(t.deps.config.secretKey, stored.settingsEncrypted!)).toEqual(smtpSettings);
    for (const res of [
      r,
      await t.call('GET', `/api/mailboxes/${r.body.id}`),
      await t.call('GET', '/api/mailboxes'),
      await t.call('PATCH', `/api/mailboxes/${r.body.id}`, { body: { name: 'Renamed' } }),
    ]) {
      expect(res.status).toBe(200 + (res === r ? 1 : 0));
      expect(JSON.stringify(res.body)).not.toContain(SMTP_PASSWORD);
    }
  });

  it('never returns API keys or webhook keys, and gives the webhook URL', async () => {
    const r = await create({
      provider: 'mailgun',
      address: address(),
      settings: { apiKey: SENDGRID_KEY, domain: 'mg.acme.test', webhookSigningKey: 'whsec-abc-123' },
    });
    expect(r.status).toBe(201);
    expect(JSON.stringify(r.body)).not.toMatch(/secret-api-key|whsec-abc/);
    expect(r.body.settingsHints).toEqual({ domain: 'mg.acme.test', webhookConfigured: true });
    expect(r.body.webhookUrl).toBe(`http://stride.test/api/webhooks/mailgun/${r.body.id}`);
  });

  it('refuses invalid settings with 400 naming the fields', async () => {
    const r = await create({ provider: 'smtp', address: address(), settings: { host: '', port: 'x' } });
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'settings.host',
      'settings.port',
    ]);
    const gmail = await create({ provider: 'gmail', address: address(), settings: { refreshToken: 'r' } });
    expect(gmail.status).toBe(400);
    expect(gmail.body.error.details).toEqual([expect.objectContaining({ path: 'settings.accessToken' })]);
  });

  it.each([
    'rep@acme--corp.test',
    'rep..x@acme.test',
    'rep@.acme.test',
    'rep.@acme.test',
    'rep-@acme.test',
    'rep@-acme.test',
  ])('refuses the seed-invalid address %s', async (bad) => {
    const r = await create({ provider: 'sandbox', address: bad });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0]).toMatchObject({
      path: 'address',
      message: expect.stringContaining('the address'),
    });
  });

  it('links an address once per team (409), whatever its case or owner', async () => {
    const a = address('dup');
    expect((await create({ provider: 'sandbox', address: a })).status).toBe(201);
    const again = await create({ provider: 'sandbox', address: a.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.body.error.details.mailboxId).toBeDefined();
    const rep = await t.createUser('rep');
    const other = await create({ provider: 'sandbox', address: a }, rep.token);
    expect(other.status).toBe(409);
    expect(other.body.error.details).toBeUndefined();
  });

  it('caps a user at 15 mailboxes', async () => {
    const rep = await t.createUser('rep');
    for (let i = 0; i < 15; i++) {
      expect((await create({ provider: 'sandbox', address: address('cap') }, rep.token)).status).toBe(201);
    }
    const over = await create({ provider: 'sandbox', address: address('cap') }, rep.token);
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({
      code: 'mailbox_limit_reached',
      message: expect.stringContaining('15'),
    });
    expect((await create({ provider: 'sandbox', address: address('cap') })).status).toBe(201);
  });

  it('creates a credential-less Gmail mailbox inactive, and new settings reconnect it', async () => {
    const r = await create({ provider: 'gmail', address: address() });
    expect(r.body).toMatchObject({ status: 'inactive', hasCredentials: false });
    expect(r.body.inactiveReason).toContain('not connected');
    const p = await t.call('PATCH', `/api/mailboxes/${r.body.id}`, {
      body: { settings: { accessToken: 'ya29.token', refreshToken: '1//refresh' } },
    });
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({
      status: 'active',
      hasCredentials: true,
      settingsHints: { hasRefreshToken: true },
    });
    expect(p.body).not.toHaveProperty('inactiveReason');
    expect(JSON.stringify(p.body)).not.toContain('ya29.token');
  });

  it('merges settings patches (null removes a key) and re-encrypts', async () => {
    const r = await create({ provider: 'smtp', address: address(), settings: smtpSettings });
    const before = (await row(r.body.id)).settingsEncrypted;
    const p = await t.call('PATCH', `/api/mailboxes/${r.body.id}`, {
      body: { settings: { password: 'new-pass', user: null } },
    });
    expect(p.status).toBe(200);
    const after = await row(r.body.id);
    expect(after.settingsEncrypted).not.toBe(before);
    const { user: _user, ...rest } = smtpSettings;
    expect(mailboxProviderSettings(t.deps.config.secretKey, after)).toEqual({
      ...rest,
      password: 'new-pass',
    });
    const broken = await t.call('PATCH', `/api/mailboxes/${r.body.id}`, {
      body: { settings: { host: null } },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.details[0].path).toBe('settings.host');
  });

  it('returns the stored aliases after create and PATCH, clears them with null, and shows learned ones on reads', async () => {
    const r = await create({
      provider: 'smtp',
      address: address(),
      settings: { ...smtpSettings, aliases: ['Sales@Acme.test', 'sales@acme.test', 'desk@acme.test'] },
    });
    expect(r.status).toBe(201);
    expect(r.body.aliases).toEqual(['sales@acme.test', 'desk@acme.test']);
    const p = await t.call('PATCH', `/api/mailboxes/${r.body.id}`, {
      body: { settings: { aliases: ['other@acme.test'] } },
    });
    expect(p.status).toBe(200);
    expect(p.body.aliases).toEqual(['other@acme.test']);
    expect((await t.call('GET', `/api/mailboxes/${r.body.id}`)).body.aliases).toEqual(['other@acme.test']);
    const bad = await t.call('PATCH', `/api/mailboxes/${r.body.id}`, {
      body: { settings: { aliases: ['ok@acme.test', 'not an address'] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: 'settings.aliases.1' })]);
    const cleared = await t.call('PATCH', `/api/mailboxes/${r.body.id}`, {
      body: { settings: { aliases: null } },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.aliases).toEqual([]);
    expect((await row(r.body.id)).aliases).toBeNull();

    // Learned send-as addresses come from the mailbox's sync row, which reads join.
    const gmail = await create({ provider: 'gmail', address: address(), settings: { accessToken: 'a' } });
    const stored = await row(gmail.body.id);
    await t.db.database.db.insert(mailboxSync).values({
      mailboxId: stored.id,
      teamId: stored.teamId,
      aliases: ['desk@brand.test'],
      nextSyncAt: new Date(),
    });
    const got = await t.call('GET', `/api/mailboxes/${gmail.body.id}`);
    expect(got.body).toMatchObject({ aliases: [], learnedAliases: ['desk@brand.test'] });
    const list = await t.call('GET', '/api/mailboxes');
    expect(list.body.items.find((m: { id: string }) => m.id === gmail.body.id).learnedAliases).toEqual([
      'desk@brand.test',
    ]);
  });

  it('gives the scheduler decrypted settings and stores refreshed tokens without losing the rest', async () => {
    const settings = {
      accessToken: 'old',
      refreshToken: 'r1',
      apiBaseUrl: 'http://127.0.0.1:1',
      clientId: 'c',
    };
    const r = await create({ provider: 'outlook', address: address(), settings });
    const key = t.deps.config.secretKey;
    const forScheduler = providerMailbox(key, await row(r.body.id));
    expect(forScheduler).toEqual({ provider: 'outlook', address: r.body.address, settings });
    expect(createProvider(forScheduler, { fetch: globalThis.fetch, dataDir: '/tmp' }).name).toBe('outlook');
    const expiresAt = new Date(t.clock.now().getTime() + 3_600_000);
    await storeRefreshedTokens(
      t.db.database.db,
      key,
      r.body.id,
      { accessToken: 'new', refreshToken: 'r2', expiresAt },
      t.clock.now(),
    );
    expect(mailboxProviderSettings(key, await row(r.body.id))).toEqual({
      ...settings,
      accessToken: 'new',
      refreshToken: 'r2',
      accessTokenExpiresAt: expiresAt.toISOString(),
    });
  });

  it('reconnect re-activates on stored settings, or refuses when they are incomplete', async () => {
    const r = await create({ provider: 'smtp', address: address(), settings: smtpSettings });
    await t.db.database.db
      .update(mailboxes)
      .set({ status: 'inactive', inactiveReason: '535 authentication failed' })
      .where(eq(mailboxes.id, r.body.id));
    const got = await t.call('GET', `/api/mailboxes/${r.body.id}`);
    expect(got.body).toMatchObject({ status: 'inactive', inactiveReason: '535 authentication failed' });
    const re = await t.call('POST', `/api/mailboxes/${r.body.id}/reconnect`);
    expect(re.status).toBe(200);
    expect(re.body.status).toBe('active');
    expect(re.body.inactiveReason).toBeUndefined();

    const g = await create({ provider: 'gmail', address: address() });
    const refused = await t.call('POST', `/api/mailboxes/${g.body.id}/reconnect`, { body: {} });
    expect(refused.status).toBe(400);
    expect((await row(g.body.id)).status).toBe('inactive');
    const ok = await t.call('POST', `/api/mailboxes/${g.body.id}/reconnect`, {
      body: { settings: { accessToken: 'ya29.fresh' } },
    });
    expect(ok.body.status).toBe('active');
  });

  it('patches limits, switches and signature; refuses hourly above daily and unknown fields', async () => {
    const r = await create({ provider: 'sandbox', address: address() });
    const p = await t.call('PATCH', `/api/mailboxes/${r.body.id}`, {
      body: {
        dailyLimit: 30,
        hourlyLimit: 5,
        signature: '-- Rep',
        openTracking: true,
        unsubscribeEnabled: false,
      },
    });
    expect(p.body).toMatchObject({ dailyLimit: 30, hourlyLimit: 5, signature: '-- Rep', openTracking: true });
    expect(p.body.unsubscribeEnabled).toBe(false);
    const over = await t.call('PATCH', `/api/mailboxes/${r.body.id}`, { body: { hourlyLimit: 31 } });
    expect(over.status).toBe(400);
    expect(over.body.error.details[0].path).toBe('hourlyLimit');
    const unknown = await t.call('PATCH', `/api/mailboxes/${r.body.id}`, {
      body: { address: 'x@acme.test' },
    });
    expect(unknown.status).toBe(400);
  });

  it('shows reps their own mailboxes only; admins the team', async () => {
    const a = await t.createUser('rep');
    const b = await t.createUser('rep');
    const mine = await create({ provider: 'sandbox', address: address() }, a.token);
    await create({ provider: 'sandbox', address: address() }, b.token);
    const list = await t.call('GET', '/api/mailboxes', { token: a.token });
    expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([mine.body.id]);
    expect((await t.call('GET', `/api/mailboxes/${mine.body.id}`, { token: b.token })).status).toBe(404);
    expect(
      (await t.call('PATCH', `/api/mailboxes/${mine.body.id}`, { token: b.token, body: {} })).status,
    ).toBe(404);
    expect((await t.call('DELETE', `/api/mailboxes/${mine.body.id}`, { token: b.token })).status).toBe(404);
    const adminView = await t.call('GET', `/api/mailboxes?userId=${a.id}`);
    expect(adminView.body.items.map((m: { id: string }) => m.id)).toEqual([mine.body.id]);
    const page = await t.call('GET', '/api/mailboxes?limit=2');
    expect(page.body.items).toHaveLength(2);
    expect(page.body.nextCursor).toBeDefined();
  });

  it('unlinks: leaves enrollment rotations, detaches past emails, refuses while sending', async () => {
    const { db } = t.db.database;
    const [admin] = await db.select().from(users).where(eq(users.email, ADMIN.email));
    const m1 = (await create({ provider: 'sandbox', address: address() })).body.id as string;
    const m2 = (await create({ provider: 'sandbox', address: address() })).body.id as string;
    const now = t.clock.now();
    const contactId = newId('con');
    const sequenceId = newId('seq');
    const enrollmentId = newId('enr');
    await db.insert(contacts).values({
      id: contactId,
      teamId: admin!.teamId,
      email: 'x@prospect.test',
      emailLower: 'x@prospect.test',
    });
    await db
      .insert(sequences)
      .values({ id: sequenceId, teamId: admin!.teamId, ownerId: admin!.id, name: 'S', schedule: {} });
    await db.insert(enrollments).values({
      id: enrollmentId,
      teamId: admin!.teamId,
      sequenceId,
      contactId,
      userId: admin!.id,
      mailboxIds: [m1, m2],
      status: 'active',
      stepAnchorAt: now,
    });
    const sentId = newId('eml');
    await db.insert(emails).values({
      id: sentId,
      teamId: admin!.teamId,
      enrollmentId,
      contactId,
      mailboxId: m1,
      status: 'sending',
    });

    const busy = await t.call('DELETE', `/api/mailboxes/${m1}`);
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('mailbox_busy');

    await db.update(emails).set({ status: 'sent', sentAt: now }).where(eq(emails.id, sentId));
    const del = await t.call('DELETE', `/api/mailboxes/${m1}`);
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ deleted: true, enrollmentsUpdated: 1, emailsDetached: 1 });
    const [enr] = await db.select().from(enrollments).where(eq(enrollments.id, enrollmentId));
    expect(enr!.mailboxIds).toEqual([m2]);
    const [email] = await db.select().from(emails).where(eq(emails.id, sentId));
    expect(email).toMatchObject({ status: 'sent', mailboxId: null });
    expect((await t.call('GET', `/api/mailboxes/${m1}`)).status).toBe(404);
  });

  it('checks SPF, DKIM and DMARC through the injected resolver', async () => {
    const asked: string[] = [];
    const zone: Record<string, string[]> = {
      'health.test': ['v=spf1 include:_spf.google.com -all'],
      's9._domainkey.health.test': ['v=DKIM1; k=rsa; p=MIIB'],
      '_dmarc.health.test': ['v=DMARC1; p=none'],
    };
    const app = new OpenAPIHono<AppEnv>();
    app.onError(createOnError({ error: () => {}, info: () => {}, warn: () => {} }));
    app.use('/api/*', requireAuth(t.deps));
    app.route(
      '/api',
      mailboxRoutes(t.deps, {
        resolveTxt: async (name) => {
          asked.push(name);
          const found = zone[name];
          if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
          return found.map((r) => [r]);
        },
      }),
    );
    const id = (
      await create({ provider: 'gmail', address: 'rep@health.test', settings: { accessToken: 'a' } })
    ).body.id;
    const res = await app.request(`/api/mailboxes/${id}/health?selector=s9`, {
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      mailboxId: id,
      domain: 'health.test',
      status: 'warn',
      spf: { status: 'pass' },
      dkim: { status: 'pass', selectors: [{ selector: 's9', found: true }] },
      dmarc: { status: 'warn', advice: [expect.stringContaining('quarantine')] },
      mailbox: { status: 'pass', advice: [] },
    });
    expect(asked.sort()).toEqual(['_dmarc.health.test', 'health.test', 's9._domainkey.health.test']);
    const bad = await app.request(`/api/mailboxes/${id}/health?selector=${encodeURIComponent('a b')}`, {
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    expect(bad.status).toBe(400);
  });
});

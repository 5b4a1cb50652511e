import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../server/db/ids';
import { contacts, emails, users } from '../../../server/db/schema';
import { signUnsubscribeToken } from '../../../server/domain/deliverability/unsubscribe-token';
import { newState, verifyState } from '../../../server/domain/mailboxes/oauth-link';
import { signClickToken, signOpenToken } from '../../../server/engagement/tracking-token';
import { ADMIN, useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Spellings of a base64url signature that Node's decoder reads as the same bytes: the last character
 * with other unused low bits, a stray character inside, the standard alphabet's +/ for -_, padding.
 */
function lookalikes(sig: string): string[] {
  const last = ALPHABET.indexOf(sig.at(-1)!);
  const out = [
    `${sig.slice(0, -1)}${ALPHABET[last ^ 1]}`,
    `${sig.slice(0, 5)}!${sig.slice(5)}`,
    `${sig.slice(0, 5)}%20${sig.slice(5)}`,
    `${sig}=`,
    `${sig}==`,
  ];
  if (/[-_]/.test(sig)) out.push(sig.replace(/-/g, '+').replace(/_/g, '/'));
  return out;
}

function split(token: string): [string, string] {
  const dot = token.lastIndexOf('.');
  return [token.slice(0, dot), token.slice(dot + 1)];
}

/** Finding 10: a link with a changed character in its signature still worked. */
describe.each(backends)('signed links are compared as canonical strings (%s)', (backend) => {
  const t = useTestApp(backend);
  let contactId = '';
  let emailId = '';

  beforeAll(async () => {
    const { db } = t.db.database;
    const [admin] = await db.select().from(users).where(eq(users.email, ADMIN.email));
    contactId = newId('con');
    await db.insert(contacts).values({
      id: contactId,
      teamId: admin!.teamId,
      email: 'r@recipient.test',
      emailLower: 'r@recipient.test',
    });
    emailId = newId('eml');
    await db.insert(emails).values({ id: emailId, teamId: admin!.teamId, contactId, status: 'sent' });
  });

  const unsubscribedAt = async () =>
    (await t.db.database.db.select().from(contacts).where(eq(contacts.id, contactId)))[0]!.unsubscribedAt;

  it('an unsubscribe link with a lookalike signature unsubscribes nobody', async () => {
    const [id, sig] = split(signUnsubscribeToken(t.deps.config.secretKey, emailId));
    const altered = lookalikes(sig);
    expect(altered.length).toBeGreaterThanOrEqual(5);
    for (const bad of altered) {
      const path = `/api/unsubscribe/${id}.${encodeURIComponent(bad)}`;
      const r = await t.call('POST', path, {
        token: null,
        raw: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(r.status, bad).toBe(400);
      expect(await unsubscribedAt()).toBeNull();
    }
    // The genuine link still works.
    const ok = await t.call('POST', `/api/unsubscribe/${id}.${sig}`, {
      token: null,
      raw: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(ok.status).toBe(200);
    expect(await unsubscribedAt()).not.toBeNull();
  });

  it('a click or open token with a lookalike signature redirects nowhere and counts nothing', async () => {
    const click = signClickToken(t.deps.config.secretKey, {
      emailId,
      linkIndex: 0,
      url: 'https://a.example/',
    });
    const [payload, clickSig] = split(click);
    for (const bad of lookalikes(clickSig)) {
      const r = await t.app.request(`/t/c/${payload}.${encodeURIComponent(bad)}`);
      expect(r.status, bad).toBe(404);
      expect(r.headers.get('location')).toBeNull();
    }
    const [openId, openSig] = split(signOpenToken(t.deps.config.secretKey, emailId));
    for (const bad of lookalikes(openSig)) {
      expect((await t.app.request(`/t/o/${openId}.${encodeURIComponent(bad)}`)).status, bad).toBe(404);
    }
    const [row] = await t.db.database.db.select().from(emails).where(eq(emails.id, emailId));
    expect(row!.clicks).toBe(0);
    expect((await t.app.request(`/t/c/${click}`)).status).toBe(302);
  });

  it('an OAuth state with a lookalike signature is refused', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const { token } = newState(t.deps.config.secretKey, 'google', 'usr_1', now);
    const [payload, sig] = split(token);
    expect(verifyState(t.deps.config.secretKey, token, 'google', now).ok).toBe(true);
    for (const bad of lookalikes(sig)) {
      expect(verifyState(t.deps.config.secretKey, `${payload}.${bad}`, 'google', now).ok, bad).toBe(false);
    }
  });
});

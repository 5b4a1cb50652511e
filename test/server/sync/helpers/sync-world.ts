import { eq } from 'drizzle-orm';
import { newId } from '../../../../server/db/ids';
import { activities, enrollments, mailboxes, mailboxSync, users } from '../../../../server/db/schema';
import { sealSettings, storeRefreshedTokens } from '../../../../server/domain/mailboxes/mailbox-settings';
import { claimDueMailboxes } from '../../../../server/sync/claim-mailboxes';
import { createMailSource, type SourceDeps } from '../../../../server/sync/source-for';
import { type SyncDeps, syncMailbox } from '../../../../server/sync/sync-mailbox';
import { deliverPending } from '../../helpers/deliver-pending';
import type { TestApp } from '../../helpers/test-app';

export const MONDAY = '2026-11-30T14:00:00.000Z';
export const POLL_MS = 60_000;
const STEPS = [
  { type: 'auto_email', waitMinutes: 0, subject: 'Quick question', body: 'Hi {{firstName | "there"}}' },
  { type: 'auto_email', waitMinutes: 2 * 24 * 60, threadMode: 'reply_previous', body: 'Following up' },
];

/** Mailboxes, contacts, enrollments with a sent first step, and a sync worker, on the test app's database. */
export function syncWorld(t: TestApp, sourceDeps: Partial<SourceDeps> = {}) {
  let n = 0;
  const db = () => t.db.database.db;
  const api = async (method: string, path: string, body?: unknown) => {
    const r = await t.call(method, path, { body });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const deps = (owner: string, over: Partial<SyncDeps> = {}): SyncDeps => ({
    db: db(),
    now: t.clock.now,
    secretKey: t.deps.config.secretKey,
    owner,
    pollMs: POLL_MS,
    leaseMs: 5 * 60_000,
    sourceFor: (m, settings) =>
      createMailSource(m, settings, {
        fetch: globalThis.fetch,
        now: t.clock.now,
        onTokens: (id, tokens) =>
          storeRefreshedTokens(db(), t.deps.config.secretKey, id, tokens, t.clock.now()),
        ...sourceDeps,
      }),
    ...over,
  });
  const self = {
    deps,
    async mailbox(
      provider: 'smtp' | 'gmail' | 'outlook',
      address: string,
      settings: Record<string, unknown>,
    ) {
      const [u] = await db().select().from(users).where(eq(users.email, 'admin@example.test'));
      if (!u) throw new Error('no admin');
      const id = newId('mbx');
      await db()
        .insert(mailboxes)
        .values({
          id,
          teamId: u.teamId,
          userId: u.id,
          provider,
          address,
          settingsEncrypted: sealSettings(t.deps.config.secretKey, settings),
        });
      return id;
    },
    async contact() {
      const email = `prospect${++n}-${newId('x').slice(-6).toLowerCase()}@brightlane.example`;
      const c = await api('POST', '/api/contacts', {
        email,
        timezone: 'America/New_York',
        emailStatus: 'verified',
      });
      return { id: c.id as string, email };
    },
    /** Enrolls a new contact through the API; its first email is still waiting to go out. */
    async enrolled(mailboxId: string) {
      const contact = await self.contact();
      const seq = await api('POST', '/api/sequences', { name: `Seq ${++n}`, active: true, steps: STEPS });
      const r = await api('POST', `/api/sequences/${seq.id}/enrollments`, {
        contactIds: [contact.id],
        mailboxIds: [mailboxId],
        skipValidation: true,
      });
      return { contact, enrollmentId: r.enrollments[0].id as string };
    },
    /** Enrolls a new contact through the API and records its first email as sent; returns its Message-ID. */
    async started(mailboxId: string) {
      const contact = await self.contact();
      const seq = await api('POST', '/api/sequences', { name: `Seq ${++n}`, active: true, steps: STEPS });
      const r = await api('POST', `/api/sequences/${seq.id}/enrollments`, {
        contactIds: [contact.id],
        mailboxIds: [mailboxId],
        skipValidation: true,
      });
      const enrollmentId = r.enrollments[0].id as string;
      const sent = await deliverPending(db(), enrollmentId, `thread-${newId('t')}`, t.clock.now());
      return { contact, enrollmentId, messageId: sent.messageId };
    },
    async enrollment(id: string) {
      const [row] = await db().select().from(enrollments).where(eq(enrollments.id, id));
      if (!row) throw new Error('no enrollment');
      return row;
    },
    async history(enrollmentId: string) {
      return db().select().from(activities).where(eq(activities.enrollmentId, enrollmentId));
    },
    async syncState(mailboxId: string) {
      const [row] = await db().select().from(mailboxSync).where(eq(mailboxSync.mailboxId, mailboxId));
      return row;
    },
    async mailboxRow(id: string) {
      const [row] = await db().select().from(mailboxes).where(eq(mailboxes.id, id));
      return row;
    },
    /** Lets the poll interval pass, claims as `owner` and syncs this mailbox if it was claimed. */
    async syncOnce(mailboxId: string, owner = 'worker-1', over: Partial<SyncDeps> = {}) {
      const due = (await self.syncState(mailboxId))?.nextSyncAt;
      t.clock.advance(POLL_MS + 1);
      if (due && due > t.clock.now()) t.clock.set(new Date(due.getTime() + 1));
      const claimed = await claimDueMailboxes(db(), {
        now: t.clock.now(),
        owner,
        leaseMs: 5 * 60_000,
        limit: 1000,
      });
      if (!claimed.includes(mailboxId)) throw new Error(`${mailboxId} was not claimed`);
      // Other tests' mailboxes were claimed too: hand them back untouched.
      for (const other of claimed.filter((id) => id !== mailboxId)) {
        await db()
          .update(mailboxSync)
          .set({ leaseUntil: null, leaseOwner: null })
          .where(eq(mailboxSync.mailboxId, other));
      }
      return syncMailbox(deps(owner, over), mailboxId);
    },
  };
  return self;
}

import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { newId } from '../../../server/db/ids';
import { emails, enrollments, mailboxes, sequences, steps, users } from '../../../server/db/schema';
import {
  type EmailProvider,
  type OutgoingEmail,
  ProviderError,
  type ReconcileResult,
  type SendResult,
} from '../../../server/providers/provider';
import {
  defaultSchedulerConfig,
  type SchedulerConfig,
  type SchedulerDeps,
} from '../../../server/scheduler/scheduler-config';
import { runTick } from '../../../server/scheduler/worker';
import type { TestApp } from '../helpers/test-app';

/** A provider that records what it was asked to send and fails when a test scripts it to. */
export class ScriptedProvider implements EmailProvider {
  readonly name = 'sandbox' as const;
  readonly sent: OutgoingEmail[] = [];
  /** Returns an error to throw for this email, or nothing to accept it. */
  failWith: ((email: OutgoingEmail) => ProviderError | undefined) | undefined;
  canReconcile = true;

  async send(email: OutgoingEmail): Promise<SendResult> {
    const err = this.failWith?.(email);
    if (err) throw err;
    this.sent.push(email);
    return { messageId: email.messageId, providerMessageId: `p-${this.sent.length}` };
  }

  get reconcile(): ((messageId: string) => Promise<ReconcileResult>) | undefined {
    if (!this.canReconcile) return undefined;
    return async (id) => (this.sent.some((e) => e.messageId === id) ? 'sent' : 'not_found');
  }
}

export const transient = (detail = '421 4.7.0 try again later', retryAfterMs?: number) =>
  new ProviderError({ kind: 'transient', detail, ...(retryAfterMs !== undefined && { retryAfterMs }) });

export interface Harness {
  provider: ScriptedProvider;
  config: SchedulerConfig;
  deps: () => SchedulerDeps;
  tick: () => ReturnType<typeof runTick>;
  /** Ticks until nothing more is claimed (at the current fake time). */
  drain: () => Promise<void>;
  mailbox: (o?: Partial<typeof mailboxes.$inferInsert>) => Promise<string>;
  contact: (o?: Record<string, unknown>) => Promise<string>;
  sequence: (o?: Record<string, unknown>) => Promise<{ id: string; steps: { id: string }[] }>;
  enroll: (
    sequenceId: string,
    contactIds: string[],
    mailboxIds: string[],
    extra?: Record<string, unknown>,
  ) => Promise<string[]>;
  emailsOf: (enrollmentId: string) => Promise<(typeof emails.$inferSelect)[]>;
  enrollment: (id: string) => Promise<typeof enrollments.$inferSelect>;
}

/**
 * Tests in a file share one database; each harness starts by switching off the sequences earlier
 * tests left behind, so their pending emails stay out of this test's sends.
 */
export async function harness(t: TestApp, config: Partial<SchedulerConfig> = {}): Promise<Harness> {
  await t.db.database.db.update(sequences).set({ active: false });
  const provider = new ScriptedProvider();
  const cfg = { ...defaultSchedulerConfig, backoffBaseMs: 60_000, ...config };
  let seq = 0;
  const deps = (): SchedulerDeps => ({
    now: t.clock.now,
    random: () => 0.5,
    providerFor: () => provider,
    publicUrl: 'http://stride.test',
    secretKey: Buffer.alloc(32, 3),
    log: { error: () => {}, info: () => {}, warn: () => {} },
  });
  const h: Harness = {
    provider,
    config: cfg,
    deps,
    tick: () => runTick(t.db.database.db, deps(), cfg),
    async drain() {
      for (let i = 0; i < 50; i++) if ((await h.tick()).claimed === 0) return;
    },
    async mailbox(o = {}) {
      const me = (await t.call('GET', '/api/me')).body as { id: string };
      const [user] = await t.db.database.db.select().from(users).where(eq(users.id, me.id));
      const id = newId('mbx');
      seq += 1;
      await t.db.database.db.insert(mailboxes).values({
        id,
        teamId: user?.teamId ?? '',
        userId: me.id,
        provider: 'sandbox',
        address: `rep-${randomUUID().slice(0, 8)}@sender.test`,
        name: 'Rita Rep',
        ...o,
      });
      return id;
    },
    async contact(o = {}) {
      seq += 1;
      const r = await t.call('POST', '/api/contacts', {
        body: {
          email: `c-${randomUUID().slice(0, 8)}@prospect${seq}.test`,
          firstName: `Pat${seq}`,
          emailStatus: 'verified',
          timezone: 'America/New_York',
          ...o,
        },
      });
      if (r.status !== 201) throw new Error(`contact: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.id;
    },
    async sequence(o = {}) {
      const r = await t.call('POST', '/api/sequences', {
        body: {
          name: `Seq ${++seq}`,
          active: true,
          steps: [
            {
              type: 'auto_email',
              waitMinutes: 0,
              subject: 'Hello {{firstName}}',
              body: 'Hi {{firstName}}, quick question.',
            },
            {
              type: 'auto_email',
              waitMinutes: 2 * 24 * 60,
              threadMode: 'reply_previous',
              body: 'Following up, {{firstName}}.',
            },
          ],
          ...o,
        },
      });
      if (r.status !== 201) throw new Error(`sequence: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    async enroll(sequenceId, contactIds, mailboxIds, extra = {}) {
      const r = await t.call('POST', `/api/sequences/${sequenceId}/enrollments`, {
        body: { contactIds, mailboxIds, ...extra },
      });
      if (r.status >= 300) throw new Error(`enroll: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.enrollments.map((e: { id: string }) => e.id);
    },
    emailsOf: async (enrollmentId) =>
      (
        await t.db.database.db
          .select({ email: emails })
          .from(emails)
          .innerJoin(steps, eq(steps.id, emails.stepId))
          .where(eq(emails.enrollmentId, enrollmentId))
          .orderBy(steps.position)
      ).map((r) => r.email),
    async enrollment(id) {
      const [row] = await t.db.database.db.select().from(enrollments).where(eq(enrollments.id, id));
      if (!row) throw new Error(`no enrollment ${id}`);
      return row;
    },
  };
  return h;
}

import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAdmin } from '../../../server/auth/bootstrap-admin';
import { openDatabase } from '../../../server/db/client';
import { newId } from '../../../server/db/ids';
import { migrateDatabase } from '../../../server/db/migrate';
import { contacts, emails, enrollments, mailboxes, sequences, steps, users } from '../../../server/db/schema';
import { sealJson } from '../../../server/domain/mailboxes/secret-box';
import { createEmptyDatabase } from '../helpers/test-database';

/** `npm run chaos` raises these for a longer run. */
const SENDS = Number(process.env.CHAOS_SENDS ?? 300);
const WORKERS = Number(process.env.CHAOS_WORKERS ?? 3);
const SECRET = 'chaos-test-secret-key-0123456789abcdef';

/** A real SMTP server that counts deliveries per Message-ID: a duplicate send shows up as a count of 2. */
function startSmtp(): Promise<{ port: number; deliveries: Map<string, number>; close: () => Promise<void> }> {
  const deliveries = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      let raw = '';
      stream.on('data', (d: Buffer) => {
        raw += d.toString();
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? 'missing';
        deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
        done();
      });
    },
  });
  // Workers are SIGKILLed mid-conversation: the resets that causes are expected, not test failures.
  server.on('error', () => {});
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ port, deliveries, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

describe.skipIf(!process.env.DATABASE_URL)('many workers on one Postgres, killed at random', () => {
  let url = '';
  let drop = async () => {};
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const children = new Set<ChildProcess>();

  beforeAll(async () => {
    const empty = await createEmptyDatabase('postgres');
    url = empty.url ?? '';
    drop = empty.drop;
    smtp = await startSmtp();
    const database = await openDatabase({ url });
    await migrateDatabase(database, url);
    const { db } = database;
    await bootstrapAdmin(db, { email: 'chaos@example.test', password: 'chaos-password-1' });
    const [admin] = await db.select().from(users);
    if (!admin) throw new Error('no admin');
    const key = createHash('sha256').update(SECRET).digest();
    const mailboxId = newId('mbx');
    await db.insert(mailboxes).values({
      id: mailboxId,
      teamId: admin.teamId,
      userId: admin.id,
      provider: 'smtp',
      address: 'rep@sender.test',
      // Caps are not what this tests: with fewer slots than sends, a longer run (npm run chaos) would
      // leave the rest waiting an hour for capacity and never finish.
      dailyLimit: Math.max(10_000, SENDS),
      hourlyLimit: Math.max(1_000, SENDS),
      settingsEncrypted: sealJson(key, { host: '127.0.0.1', port: smtp.port, secure: false }),
      // The stand-in SMTP server is on loopback: an admin's approval plus the operator switch below is
      // the only way a mailbox may reach an internal host.
      internalHostsApprovedBy: admin.id,
    });
    const sequenceId = newId('seq');
    const stepId = newId('stp');
    const allWeek = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }];
    await db.insert(sequences).values({
      id: sequenceId,
      teamId: admin.teamId,
      ownerId: admin.id,
      name: 'Chaos',
      active: true,
      schedule: { timezone: 'UTC', useContactTimezone: false, windows: allWeek },
    });
    await db
      .insert(steps)
      .values({ id: stepId, sequenceId, position: 1, type: 'auto_email', subject: 'Hi', body: 'Hello' });
    const now = new Date();
    for (let i = 0; i < SENDS; i += 500) {
      const batch = Array.from({ length: Math.min(500, SENDS - i) }, (_, k) => i + k);
      const rows = batch.map((n) => ({
        contact: {
          id: newId('con'),
          teamId: admin.teamId,
          email: `p${n}@prospect.test`,
          emailLower: `p${n}@prospect.test`,
          emailStatus: 'verified' as const,
        },
        enrollmentId: newId('enr'),
      }));
      await db.insert(contacts).values(rows.map((r) => r.contact));
      await db.insert(enrollments).values(
        rows.map((r) => ({
          id: r.enrollmentId,
          teamId: admin.teamId,
          sequenceId,
          contactId: r.contact.id,
          userId: admin.id,
          mailboxIds: [mailboxId],
          status: 'active' as const,
          stepAnchorAt: now,
        })),
      );
      await db.insert(emails).values(
        rows.map((r) => ({
          id: newId('eml'),
          teamId: admin.teamId,
          enrollmentId: r.enrollmentId,
          contactId: r.contact.id,
          stepId,
          status: 'scheduled' as const,
          scheduledAt: now,
          dueAt: now,
          subject: 'Hi',
          messageId: `<${r.enrollmentId}@sender.test>`,
        })),
      );
    }
    await database.close();
  });

  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await smtp?.close();
    await drop();
  });

  function startWorker(dataDir: string): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        STRIDE_ROLE: 'worker',
        STRIDE_DATA_DIR: dataDir,
        STRIDE_SECRET_KEY: SECRET,
        STRIDE_POLL_MS: '100',
        STRIDE_LEASE_MS: '2000',
        STRIDE_ALLOW_PRIVATE_PROVIDER_HOSTS: 'true',
      },
      stdio: 'ignore',
    });
    children.add(child);
    child.on('exit', () => children.delete(child));
    return child;
  }

  it(`${SENDS} sends with ${WORKERS} workers SIGKILLed at random: none twice, none lost`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stride-chaos-'));
    for (let i = 0; i < WORKERS; i++) startWorker(dataDir);
    const database = await openDatabase({ url, max: 1 });
    const pending = async () =>
      (
        await database.query<{ n: number }>(
          `select count(*)::int as n from emails where status in ('scheduled','sending')`,
        )
      )[0]?.n ?? 0;
    let kills = 0;
    const deadline = Date.now() + 480_000;
    while ((await pending()) > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 700));
      const victims = [...children];
      const victim = victims[Math.floor(Math.random() * victims.length)];
      if (victim && kills < 12) {
        victim.kill('SIGKILL');
        kills++;
        startWorker(dataDir);
      }
    }
    const rows = await database.db
      .select({ status: emails.status, messageId: emails.messageId })
      .from(emails);
    await database.close();
    for (const c of children) c.kill('SIGTERM');

    expect(kills).toBeGreaterThan(0);
    expect(rows).toHaveLength(SENDS);
    const byStatus = (s: string) => rows.filter((r) => r.status === s);
    // Nothing left in flight; everything either went out or is parked for a person to look at.
    expect(byStatus('scheduled').length + byStatus('sending').length).toBe(0);
    expect(byStatus('sent').length + byStatus('unknown').length).toBe(SENDS);
    // No Message-ID reached the SMTP server twice.
    expect([...smtp.deliveries.values()].filter((n) => n > 1)).toEqual([]);
    // Every email recorded as sent was delivered exactly once; an unknown one at most once.
    for (const r of byStatus('sent')) expect(smtp.deliveries.get(r.messageId ?? '')).toBe(1);
    console.info(
      `chaos: ${SENDS} sends, ${kills} kills, ${byStatus('sent').length} sent, ${byStatus('unknown').length} parked as unknown`,
    );
  }, 600_000);
});

import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../../server/db/ids';
import { activities, contacts, emails, enrollments, mailboxes, users } from '../../../../server/db/schema';
import { ADMIN, useTestApp } from '../../helpers/test-app';
import { backends } from '../../helpers/test-database';

const COUNT = 10_000;
const ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', null];

describe.each(backends)('bulk enrollment (%s)', (backend) => {
  const t = useTestApp(backend, { now: '2026-11-23T12:00:00Z' });

  it(`enrolls ${COUNT.toLocaleString('en')} contacts in one call with batched queries`, async () => {
    const db = t.db.database.db;
    const [admin] = await db.select().from(users).where(eq(users.email, ADMIN.email));
    if (!admin) throw new Error('no admin');
    const pool = [newId('mbx'), newId('mbx'), newId('mbx')];
    await db.insert(mailboxes).values(
      pool.map((id, i) => ({
        id,
        teamId: admin.teamId,
        userId: admin.id,
        provider: 'sandbox' as const,
        address: `s${i}@bulk.test`,
      })),
    );
    const ids: string[] = [];
    for (let i = 0; i < COUNT; i += 1000) {
      const rows = Array.from({ length: 1000 }, (_, j) => {
        const id = newId('con');
        ids.push(id);
        return {
          id,
          teamId: admin.teamId,
          email: `${id}@bulk.test`,
          emailLower: `${id}@bulk.test`,
          emailStatus: 'verified' as const,
          timezone: ZONES[(i + j) % ZONES.length] ?? null,
          prospectScore: (i + j) % 100,
        };
      });
      await db.insert(contacts).values(rows);
    }
    const seq = await t.call('POST', '/api/sequences', {
      body: {
        name: 'Bulk',
        active: true,
        steps: [{ type: 'auto_email', waitMinutes: 0, subject: 'Hi', body: 'Hello' }],
      },
    });

    const started = performance.now();
    const r = await t.call('POST', `/api/sequences/${seq.body.id}/enrollments`, {
      body: { contactIds: ids, mailboxIds: pool },
    });
    const ms = performance.now() - started;
    console.info(`[${backend}] enrolled ${COUNT} contacts in ${Math.round(ms)} ms`);

    expect(r.status).toBe(200);
    expect(r.body.rejected).toEqual([]);
    expect(r.body.enrollments).toHaveLength(COUNT);
    expect(r.body.enrollments[0].contactId).toBe(ids[0]);
    const count = async (table: typeof emails | typeof enrollments) =>
      (
        await db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.teamId, admin.teamId))
      )[0]?.n;
    expect(Number(await count(enrollments))).toBe(COUNT);
    expect(Number(await count(emails))).toBe(COUNT);
    const [acts] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(activities)
      .where(eq(activities.kind, 'enrollment.created'));
    expect(Number(acts?.n)).toBe(COUNT);
    // Rotation spreads the contacts evenly over the three mailboxes.
    const perMailbox = await db
      .select({ mailboxId: emails.mailboxId, n: sql<number>`count(*)::int` })
      .from(emails)
      .groupBy(emails.mailboxId);
    expect(perMailbox.map((m) => Number(m.n)).sort()).toEqual([3333, 3333, 3334]);
    // Every email sits inside a window of its contact's zone and carries the contact's score.
    const sample = await db
      .select({
        due: emails.dueAt,
        score: emails.prospectScore,
        tz: contacts.timezone,
        cscore: contacts.prospectScore,
      })
      .from(emails)
      .innerJoin(contacts, eq(contacts.id, emails.contactId))
      .limit(50);
    for (const s of sample) {
      expect(s.score).toBe(s.cscore);
      const hour = Number(
        new Intl.DateTimeFormat('en-GB', {
          timeZone: s.tz ?? 'UTC',
          hour: '2-digit',
          hourCycle: 'h23',
        }).format(s.due ?? 0),
      );
      expect(hour).toBeGreaterThanOrEqual(9);
      expect(hour).toBeLessThan(17);
    }

    // Sending the same list again rejects everyone, still in one quick pass.
    const again = await t.call('POST', `/api/sequences/${seq.body.id}/enrollments`, {
      body: { contactIds: ids },
    });
    expect(again.body.enrollments).toEqual([]);
    expect(again.body.rejected).toHaveLength(COUNT);
    expect(new Set(again.body.rejected.map((x: { code: string }) => x.code))).toEqual(
      new Set(['already_in_sequence']),
    );
  });
});

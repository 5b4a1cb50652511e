import { and, eq, inArray, min } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../server/db/ids';
import { contacts, emails, users } from '../../../server/db/schema';
import { runTick } from '../../../server/scheduler/worker';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { harness } from './scheduler-harness';

// Monday 23 November 2026, 09:00 in New York (UTC-5, no DST change that week).
const MONDAY_9_NY = '2026-11-23T14:00:00Z';
const CONTACTS = 500;
const GAP_S = 60;
const HOURLY = 60;
const BOXES = 4;

/** mulberry32: a small seeded generator, so the jitter varies and the run repeats. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe.each(backends)('a sequence due for many contacts at 09:00 on %s', (backend) => {
  const t = useTestApp(backend, { now: MONDAY_9_NY });
  const db = () => t.db.database.db;

  it(`goes out spread over the window within caps and gaps, best prospect score first (${CONTACTS} contacts)`, async () => {
    t.clock.set(MONDAY_9_NY);
    const h = await harness(t);
    const boxes = [];
    for (let i = 0; i < BOXES; i++)
      boxes.push(await h.mailbox({ minGapSeconds: GAP_S, hourlyLimit: HOURLY, dailyLimit: 500 }));
    // A two-hour window: four mailboxes at one send per 75 s on average (the gap plus its jitter)
    // cannot send 500 in it, so the rest must wait for Tuesday's window.
    const seq = await h.sequence({
      schedule: {
        timezone: 'UTC',
        useContactTimezone: true,
        windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '11:00' }],
      },
      steps: [
        { type: 'auto_email', waitMinutes: 0, subject: 'Hi {{firstName}}', body: 'Hello {{firstName}}.' },
      ],
    });
    // Distinct scores in no particular order (7919 is prime to 1000), written in one statement: the
    // API's contact route is tested elsewhere, and 500 requests would only slow this test down.
    const me = (await t.call('GET', '/api/me')).body as { id: string };
    const [user] = await db().select().from(users).where(eq(users.id, me.id));
    const rows = Array.from({ length: CONTACTS }, (_, i) => {
      const email = `spread-${i}@prospect${i % 37}.test`;
      return {
        id: newId('con'),
        teamId: user?.teamId ?? '',
        email,
        emailLower: email,
        firstName: `Pat${i}`,
        emailStatus: 'verified' as const,
        timezone: 'America/New_York',
        prospectScore: (i * 7919) % 1000,
      };
    });
    await db().insert(contacts).values(rows);
    const ids = rows.map((r) => r.id);
    const enrollmentIds = await h.enroll(seq.id, ids, boxes);
    const pending = () => and(inArray(emails.enrollmentId, enrollmentIds), eq(emails.status, 'scheduled'));

    // One worker, woken whenever the next email is due (as its poll would find it, without the
    // polling's lateness): the clock jumps straight there. Its jitter is drawn from a seeded generator,
    // so the gaps vary between 60 and 90 s as in production, and the run is the same every time.
    const deps = { ...h.deps(), random: seeded(20) };
    for (let i = 0; i < 3000; i++) {
      await runTick(db(), deps, h.config);
      const [next] = await db()
        .select({ at: min(emails.dueAt) })
        .from(emails)
        .where(pending());
      if (!next?.at) break;
      if (next.at.getTime() > t.clock.now().getTime()) t.clock.set(next.at.toISOString());
    }

    const sends = (
      await db()
        .select({ at: emails.claimedAt, mailboxId: emails.mailboxId, score: contacts.prospectScore })
        .from(emails)
        .innerJoin(contacts, eq(contacts.id, emails.contactId))
        .where(inArray(emails.enrollmentId, enrollmentIds))
    ).map((s) => ({ at: s.at?.getTime() ?? Number.NaN, mailboxId: s.mailboxId ?? '', score: s.score }));
    expect(sends).toHaveLength(CONTACTS);
    expect(h.provider.sent).toHaveLength(CONTACTS);

    // Highest score first. The claim batch holds 200 emails, so the 500 are met over three batches;
    // each goes out within a few places of its rank (a jitter longer than the mean can swap neighbours
    // on different mailboxes), never behind emails met in a later batch (that would be ~200 places).
    const byTime = [...sends].sort((a, b) => a.at - b.at || b.score - a.score);
    const rank = new Map([...sends].sort((a, b) => b.score - a.score).map((s, i) => [s.score, i]));
    const displacement = byTime.map((s, place) => Math.abs(place - (rank.get(s.score) ?? -1)));
    expect(Math.max(...displacement)).toBeLessThanOrEqual(12);
    // The ten best prospects are the first ten sent.
    expect(new Set(byTime.slice(0, 10).map((s) => rank.get(s.score)))).toEqual(
      new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
    );

    // Not a burst: one email per mailbox at 09:00, then each mailbox at least the gap apart and never
    // more than its hourly cap in any hour.
    const start = new Date(MONDAY_9_NY).getTime();
    expect(sends.filter((s) => s.at === start)).toHaveLength(BOXES);
    for (const box of boxes) {
      const times = sends
        .filter((s) => s.mailboxId === box)
        .map((s) => s.at)
        .sort((a, b) => a - b);
      expect(times.length).toBeGreaterThan(80);
      for (let i = 1; i < times.length; i++)
        expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(GAP_S * 1000);
      for (let i = 0; i < times.length; i++) {
        const inHour = times.filter((x) => x >= (times[i] ?? 0) && x < (times[i] ?? 0) + 3_600_000);
        expect(inHour.length).toBeLessThanOrEqual(HOURLY);
      }
    }

    // Inside the window only: 09:00–11:00 New York (14:00–16:00Z) on Monday, then Tuesday.
    const hours = (at: number) => new Date(at).getUTCHours() + new Date(at).getUTCMinutes() / 60;
    for (const s of sends) {
      expect(hours(s.at)).toBeGreaterThanOrEqual(14);
      expect(hours(s.at)).toBeLessThan(16);
    }
    const monday = sends.filter((s) => s.at < start + 86_400_000);
    const tuesday = sends.filter((s) => s.at >= start + 86_400_000);
    // Monday's window is used to its end (spread over two hours), the rest go from Tuesday 09:00.
    expect(Math.max(...monday.map((s) => s.at))).toBeGreaterThan(start + 1.9 * 3_600_000);
    expect(tuesday.length).toBeGreaterThan(0);
    expect(Math.min(...tuesday.map((s) => s.at))).toBe(start + 86_400_000);
    expect(monday.length + tuesday.length).toBe(CONTACTS);
  }, 900_000);
});

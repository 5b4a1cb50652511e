import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newId } from '../../../server/db/ids';
import { activities, contacts, emails, mailboxes, users } from '../../../server/db/schema';
import { claimBatch } from '../../../server/scheduler/claim-batch';
import { loadFromClaims } from '../../../server/scheduler/mailbox-capacity';
import { CLAIM_HOLDING_STATUSES, lockMailboxLoads } from '../../../server/scheduler/sql/lock-mailboxes';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { harness } from './scheduler-harness';

// 2026-11-22 is a Sunday. New York is UTC-5 in November: 09:00 local = 14:00Z.
const SUNDAY_NOON_NY = '2026-11-22T17:00:00Z';
const MONDAY_9_NY = new Date('2026-11-23T14:00:00Z');

/*
 * Each kind of claim decision is written for the whole batch in one statement. These tests put
 * several rows of each kind through a single claimBatch call and check every row it wrote.
 */
describe.each(backends)('claiming a batch on %s', (backend) => {
  const t = useTestApp(backend, { now: SUNDAY_NOON_NY });
  const db = () => t.db.database.db;
  const firstEmails = async (enrollmentIds: string[]) =>
    (await db().select().from(emails).where(inArray(emails.enrollmentId, enrollmentIds))).sort(
      (a, b) => enrollmentIds.indexOf(a.enrollmentId ?? '') - enrollmentIds.indexOf(b.enrollmentId ?? ''),
    );

  it("re-slots a stale backlog in one batch, each email into its own contact's next window", async () => {
    t.clock.set(SUNDAY_NOON_NY);
    const h = await harness(t);
    const box = await h.mailbox();
    const seq = await h.sequence();
    const zones = [
      'America/New_York',
      'America/New_York',
      'Europe/Berlin',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
    ];
    const contactIds = [];
    for (const timezone of zones) contactIds.push(await h.contact({ timezone }));
    const enrollmentIds = await h.enroll(seq.id, contactIds, [box]);
    const before = await firstEmails(enrollmentIds);

    // Down from Monday morning until Wednesday 15:00Z: every slot is more than a day late.
    t.clock.set('2026-11-25T15:00:00Z');
    expect(await claimBatch(db(), t.clock.now(), h.config)).toEqual([]);
    const after = await firstEmails(enrollmentIds);
    const expected = [
      // 10:00 in New York, inside the window: a stale slot waits for the next window, Thursday 09:00.
      '2026-11-26T14:00:00Z',
      '2026-11-26T14:00:00Z',
      // 16:00 in Berlin (UTC+1): same, Thursday 09:00 Berlin.
      '2026-11-26T08:00:00Z',
      // 20:30 in Kolkata (UTC+5:30), outside the window: the next opening, Thursday 09:00.
      '2026-11-26T03:30:00Z',
      // Thursday 02:00 on Lord Howe (UTC+11 in summer): Thursday 09:00 there, still Wednesday in UTC.
      '2026-11-25T22:00:00Z',
    ];
    after.forEach((email, i) => {
      const at = new Date(expected[i] ?? '');
      expect(email).toMatchObject({ status: 'scheduled', waitingFor: 'window', dueAt: at, scheduledAt: at });
      expect(email.changeSeq).toBeGreaterThan(before[i]?.changeSeq ?? 0);
      expect(email.updatedAt).toEqual(t.clock.now());
    });
    expect(h.provider.sent).toHaveLength(0);
  });

  it('refuses several emails in one batch, each with its own reasons, history and enrollment', async () => {
    t.clock.set(MONDAY_9_NY);
    const h = await harness(t);
    const box = await h.mailbox();
    const dead = await h.mailbox();
    const seq = await h.sequence({ ruleset: { blockedContactStages: ['Customer'] } });
    expect(
      (await t.call('POST', '/api/blocklist', { body: { kind: 'domain', value: 'refused-co.test' } })).status,
    ).toBeLessThan(300);
    const staged = await h.contact({ stage: 'Customer' });
    const blocked = await h.contact({ email: 'someone@refused-co.test' });
    const unsubscribed = await h.contact();
    const fine = await h.contact();
    const viaDeadBox = await h.contact();
    await db().update(contacts).set({ unsubscribedAt: MONDAY_9_NY }).where(eq(contacts.id, unsubscribed));
    const refusedIds = await h.enroll(seq.id, [staged, blocked, unsubscribed], [box], {
      skipValidation: true,
    });
    const [fineId] = await h.enroll(seq.id, [fine], [box]);
    const [deadId] = await h.enroll(seq.id, [viaDeadBox], [dead]);
    await db()
      .update(mailboxes)
      .set({ status: 'inactive', inactiveReason: 'token revoked' })
      .where(eq(mailboxes.id, dead));

    const claims = await claimBatch(db(), t.clock.now(), h.config);
    expect(claims.map((c) => c.enrollmentId)).toEqual([fineId]);

    const expected = [
      { id: refusedIds[0], reason: 'blocked_contact_stage', detail: 'blocked_contact_stage: Customer', box },
      { id: refusedIds[1], reason: 'company_blocked', detail: 'company_blocked: refused-co.test', box },
      { id: refusedIds[2], reason: 'unsubscribed', detail: 'unsubscribed', box },
      // Its only mailbox cannot send: it is held on that mailbox, with why it is inactive (issue 13, item 11).
      { id: deadId, reason: 'mailbox_inactive', detail: 'mailbox_inactive: token revoked', box: dead },
    ];
    const refused = await firstEmails(expected.map((e) => e.id ?? ''));
    const history = await db()
      .select()
      .from(activities)
      .where(
        and(
          eq(activities.kind, 'email.not_sent'),
          inArray(
            activities.emailId,
            refused.map((e) => e.id),
          ),
        ),
      );
    for (const [i, email] of refused.entries()) {
      const want = expected[i];
      expect(email).toMatchObject({
        status: 'not_sent',
        reason: want?.reason,
        detail: want?.detail,
        mailboxId: want?.box,
        waitingFor: null,
        updatedAt: t.clock.now(),
      });
      expect((await h.enrollment(email.enrollmentId ?? '')).status).toBe('not_sent');
      const own = history.filter((a) => a.emailId === email.id);
      expect(own).toHaveLength(1);
      expect(own[0]).toMatchObject({
        contactId: email.contactId,
        enrollmentId: email.enrollmentId,
        createdAt: t.clock.now(),
        data: { reasons: [want?.reason], detail: want?.detail },
      });
    }
    expect((await h.enrollment(fineId ?? '')).status).not.toBe('not_sent');
  });

  it('claims across mailboxes and makes the rest wait, every claimed email as stored', async () => {
    t.clock.set(MONDAY_9_NY);
    const h = await harness(t);
    const a = await h.mailbox({ hourlyLimit: 2 });
    const b = await h.mailbox({ hourlyLimit: 2 });
    const c = await h.mailbox({ hourlyLimit: 1 });
    const seq = await h.sequence();
    const contactIds = [];
    for (let i = 0; i < 7; i++) contactIds.push(await h.contact());
    const enrollmentIds = await h.enroll(seq.id, contactIds, [a, b, c]);
    const before = new Map((await firstEmails(enrollmentIds)).map((e) => [e.id, e]));

    const claims = await claimBatch(db(), t.clock.now(), h.config);
    expect(claims).toHaveLength(5);
    const stored = new Map((await firstEmails(enrollmentIds)).map((e) => [e.id, e]));
    for (const claim of claims) {
      // The claim rebuilds each email from the locked row and the values written: it must be the row.
      const row = stored.get(claim.email.id);
      expect(row).toMatchObject(claim.email);
      expect(row).toMatchObject({
        status: 'sending',
        attemptId: claims[0]?.attemptId,
        attempts: (before.get(claim.email.id)?.attempts ?? 0) + 1,
        claimedAt: MONDAY_9_NY,
        leaseUntil: new Date(MONDAY_9_NY.getTime() + h.config.leaseMs),
        mailboxId: claim.mailbox.id,
        waitingFor: null,
      });
      expect(claim.attemptId).toBe(row?.attemptId);
    }
    const perBox = (id: string) => claims.filter((x) => x.mailbox.id === id).length;
    expect([perBox(a), perBox(b), perBox(c)]).toEqual([2, 2, 1]);

    const waiting = [...stored.values()].filter((e) => e.status === 'scheduled');
    expect(waiting).toHaveLength(2);
    for (const email of waiting) {
      expect(email).toMatchObject({
        waitingFor: 'mailbox_capacity',
        // The oldest claim of the fullest mailbox ages out of the hour first.
        dueAt: new Date(MONDAY_9_NY.getTime() + 3_600_000),
        // A capacity wait keeps the slot, so lateness still counts from it.
        scheduledAt: before.get(email.id)?.scheduledAt,
      });
    }
  });

  it("sums each mailbox's claims in the database exactly as from every claim of the day", async () => {
    t.clock.set(MONDAY_9_NY);
    const h = await harness(t);
    const now = MONDAY_9_NY.getTime();
    const ago = (minutes: number) => new Date(now - minutes * 60_000);
    const contactId = await h.contact();
    const [owner] = await db().select().from(users).limit(1);
    // Over the hourly cap; at the daily cap with claims spread over the day; under both; empty.
    const plans: { limits: { hourlyLimit: number; dailyLimit: number }; claims: [number, string][] }[] = [
      {
        limits: { hourlyLimit: 3, dailyLimit: 10 },
        claims: [
          [10, 'sent'],
          [20, 'sending'],
          [30, 'unknown'],
          [40, 'bounced'],
          [5, 'not_sent'],
          [15, 'scheduled'],
          [3 * 60, 'sent'],
          [25 * 60, 'sent'],
        ],
      },
      {
        limits: { hourlyLimit: 5, dailyLimit: 4 },
        claims: [
          [70, 'sent'],
          [5 * 60, 'sent'],
          [9 * 60, 'sent'],
          [23 * 60, 'sent'],
          [12 * 60, 'not_sent'],
        ],
      },
      {
        limits: { hourlyLimit: 4, dailyLimit: 8 },
        claims: [
          [50, 'sent'],
          [2 * 60, 'sending'],
        ],
      },
      { limits: { hourlyLimit: 2, dailyLimit: 2 }, claims: [] },
    ];
    const ids: string[] = [];
    const expected = [];
    for (const plan of plans) {
      const id = await h.mailbox(plan.limits);
      ids.push(id);
      if (plan.claims.length > 0) {
        await db()
          .insert(emails)
          .values(
            plan.claims.map(([minutes, status]) => ({
              id: newId('eml'),
              teamId: owner?.teamId ?? '',
              contactId,
              mailboxId: id,
              status: status as 'sent',
              claimedAt: ago(minutes),
            })),
          );
      }
      const holding = plan.claims.filter(([, s]) =>
        (CLAIM_HOLDING_STATUSES as readonly string[]).includes(s),
      );
      expected.push(
        loadFromClaims(
          { id, active: true, ...plan.limits, claims: holding.map(([minutes]) => ago(minutes)) },
          MONDAY_9_NY,
        ),
      );
    }
    const { boxes, loads } = await db().transaction((tx) => lockMailboxLoads(tx, ids, MONDAY_9_NY));
    expect(boxes.map((x) => x.id)).toEqual([...ids].sort());
    expect([...loads].sort((x, y) => ids.indexOf(x.id) - ids.indexOf(y.id))).toEqual(expected);
    // Spelled out for the first mailbox: four holding claims in the hour, over a cap of three.
    expect(expected[0]?.hour).toEqual({ count: 4, anchor: ago(30) });
    expect(expected[1]?.day).toEqual({ count: 4, anchor: ago(23 * 60) });
  });
});

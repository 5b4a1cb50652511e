import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailboxes, sequences } from '../../../server/db/schema';
import { ProviderError } from '../../../server/providers/provider';
import { claimBatch } from '../../../server/scheduler/claim-batch';
import { markDispatched } from '../../../server/scheduler/sql/mark-dispatched';
import { useTestApp } from '../helpers/test-app';
import { backends } from '../helpers/test-database';
import { harness, transient } from './scheduler-harness';

// 2026-11-22 is a Sunday. New York is UTC-5 in November: 09:00 local = 14:00Z.
const SUNDAY_NOON_NY = '2026-11-22T17:00:00Z';
const MONDAY_9_NY = new Date('2026-11-23T14:00:00Z');

describe.each(backends)('scheduler loop on %s', (backend) => {
  const t = useTestApp(backend, { now: SUNDAY_NOON_NY });

  it("waits for the window in the contact's zone, sends once, then schedules the threaded follow-up", async () => {
    t.clock.set(SUNDAY_NOON_NY);
    const h = await harness(t);
    const box = await h.mailbox();
    const seq = await h.sequence();
    const [enr] = await h.enroll(seq.id, [await h.contact({ firstName: 'Ada' })], [box]);
    const [first] = await h.emailsOf(enr!);
    expect(first).toMatchObject({ status: 'scheduled', dueAt: MONDAY_9_NY });

    await h.drain();
    expect(h.provider.sent).toHaveLength(0);

    t.clock.set(MONDAY_9_NY);
    await h.drain();
    await h.drain();
    expect(h.provider.sent).toHaveLength(1);
    const msg = h.provider.sent[0]!;
    expect(msg).toMatchObject({
      subject: 'Hello Ada',
      from: { address: expect.stringMatching(/@sender\.test$/), name: 'Rita Rep' },
    });
    expect(msg.text).toContain('Hi Ada, quick question.');
    expect(msg.messageId).toBe(first!.messageId);
    expect(msg.listUnsubscribe?.url).toMatch(/^http:\/\/stride\.test\/api\/unsubscribe\//);

    const [sent, followUp] = await h.emailsOf(enr!);
    expect(sent).toMatchObject({ status: 'sent', sentAt: MONDAY_9_NY, mailboxId: box });
    // Two days later, Wednesday 09:00 New York, in the same thread.
    expect(followUp).toMatchObject({ status: 'scheduled', dueAt: new Date('2026-11-25T14:00:00Z') });
    expect(followUp!.inReplyTo).toBe(sent!.messageId);
    expect((await h.enrollment(enr!)).currentStep).toBe(2);

    t.clock.set('2026-11-25T14:00:00Z');
    await h.drain();
    expect(h.provider.sent).toHaveLength(2);
    expect(h.provider.sent[1]).toMatchObject({ subject: 'Re: Hello Ada', inReplyTo: sent!.messageId });
    expect((await h.enrollment(enr!)).status).toBe('finished');
  });

  it("holds each mailbox's hourly cap across batches and rotates to the least-used mailbox", async () => {
    t.clock.set(MONDAY_9_NY);
    const h = await harness(t, { batchSize: 3 });
    const a = await h.mailbox({ hourlyLimit: 2 });
    const b = await h.mailbox({ hourlyLimit: 2 });
    const seq = await h.sequence();
    const contactIds = [];
    for (let i = 0; i < 5; i++) contactIds.push(await h.contact());
    const ids = await h.enroll(seq.id, contactIds, [a, b], { startAt: '2026-11-23T13:00:00Z' });
    await h.drain();
    expect(h.provider.sent).toHaveLength(4);
    const first = await Promise.all(ids.map(async (id) => (await h.emailsOf(id))[0]!));
    const byMailbox = (m: string) => first.filter((e) => e.status === 'sent' && e.mailboxId === m).length;
    expect([byMailbox(a), byMailbox(b)]).toEqual([2, 2]);
    const waiting = first.find((e) => e.status === 'scheduled');
    expect(waiting).toMatchObject({
      waitingFor: 'mailbox_capacity',
      dueAt: new Date(MONDAY_9_NY.getTime() + 3_600_000),
    });

    t.clock.advance(3_600_000);
    await h.drain();
    expect(h.provider.sent).toHaveLength(5);
  });

  it('records every guard reason as not_sent; a forced retry skips only the forceable ones', async () => {
    t.clock.set(MONDAY_9_NY);
    const h = await harness(t);
    const box = await h.mailbox();
    const seq = await h.sequence({ ruleset: { blockedContactStages: ['Customer'] } });
    const staged = await h.contact({ stage: 'Customer' });
    const blocked = await h.contact({ email: 'nope@blocked-co.test' });
    expect(
      (await t.call('POST', '/api/blocklist', { body: { kind: 'domain', value: 'blocked-co.test' } })).status,
    ).toBeLessThan(300);
    const [e1, e2] = await h.enroll(seq.id, [staged, blocked], [box], { skipValidation: true });
    await h.drain();
    expect(h.provider.sent).toHaveLength(0);
    const [m1] = await h.emailsOf(e1!);
    const [m2] = await h.emailsOf(e2!);
    expect(m1).toMatchObject({ status: 'not_sent', reason: 'blocked_contact_stage' });
    expect(m2).toMatchObject({ status: 'not_sent', reason: 'company_blocked' });
    expect((await h.enrollment(e1!)).status).toBe('not_sent');

    const listed = await t.call('GET', `/api/emails?status=not_sent&reason=blocked_contact_stage`);
    expect(listed.body.items.map((e: { id: string }) => e.id)).toContain(m1!.id);

    const retry = await t.call('POST', '/api/emails/retry', { body: { ids: [m1!.id, m2!.id], force: true } });
    expect(retry.body.retried).toEqual([m1!.id, m2!.id]);
    await h.drain();
    expect(h.provider.sent.map((e) => e.to.address)).toEqual([expect.stringMatching(/@prospect/)]);
    expect((await h.emailsOf(e1!))[0]).toMatchObject({ status: 'sent' });
    // The blocklist is never forceable.
    expect((await h.emailsOf(e2!))[0]).toMatchObject({ status: 'not_sent', reason: 'company_blocked' });
    const again = await t.call('POST', '/api/emails/retry', { body: { ids: [m1!.id] } });
    expect(again.body.skipped).toEqual([{ id: m1!.id, code: 'already_sent_step' }]);
  });

  it('retries transient failures with backoff, and maps bounces and dead credentials', async () => {
    t.clock.set(MONDAY_9_NY);
    const h = await harness(t);
    const box = await h.mailbox();
    const seq = await h.sequence();
    const flaky = await h.contact({ email: 'flaky@retry.test' });
    const gone = await h.contact({ email: 'gone@bounce.test' });
    const [ef, eg] = await h.enroll(seq.id, [flaky, gone], [box]);
    let failures = 0;
    h.provider.failWith = (email) => {
      if (email.to.address === 'gone@bounce.test') {
        return new ProviderError({ kind: 'bounce', detail: '550 5.1.1 User Unknown' });
      }
      if (failures < 2) {
        failures++;
        return transient();
      }
      return undefined;
    };
    await h.drain();
    const [f1] = await h.emailsOf(ef!);
    // First attempt failed: back in the queue after base backoff with jitter (random 0.5 → 45 s).
    expect(f1).toMatchObject({ status: 'scheduled', detail: '421 4.7.0 try again later' });
    expect(f1!.dueAt!.getTime() - MONDAY_9_NY.getTime()).toBe(45_000);
    const [g1] = await h.emailsOf(eg!);
    expect(g1).toMatchObject({ status: 'bounced', detail: '550 5.1.1 User Unknown' });
    expect((await h.enrollment(eg!)).status).toBe('bounced');

    for (let i = 0; i < 3; i++) {
      t.clock.advance(5 * 60_000);
      await h.drain();
    }
    expect((await h.emailsOf(ef!))[0]).toMatchObject({ status: 'sent', attempts: 3 });

    // Later sends to the bounced address are refused before any provider call.
    const seq2 = await h.sequence();
    const [again] = await h.enroll(seq2.id, [gone], [box], { skipValidation: true });
    await h.drain();
    expect((await h.emailsOf(again!))[0]).toMatchObject({ status: 'not_sent', reason: 'likely_to_bounce' });

    h.provider.failWith = () => new ProviderError({ kind: 'auth', detail: 'invalid_grant: token revoked' });
    const [e3] = await h.enroll(seq2.id, [await h.contact()], [box]);
    await h.drain();
    expect((await h.emailsOf(e3!))[0]).toMatchObject({ status: 'not_sent', reason: 'mailbox_inactive' });
    const [mb] = await t.db.database.db.select().from(mailboxes).where(eq(mailboxes.id, box));
    expect(mb).toMatchObject({ status: 'inactive', inactiveReason: 'invalid_grant: token revoked' });
  });

  it('after a crash mid-send, an expired lease is reconciled: never sent twice, never lost', async () => {
    t.clock.set(MONDAY_9_NY);
    const h = await harness(t);
    const box = await h.mailbox();
    const seq = await h.sequence();
    const [sentBeforeCrash, notSentBeforeCrash] = await h.enroll(
      seq.id,
      [await h.contact(), await h.contact()],
      [box],
    );
    // A worker claims both, delivers one, and dies before recording anything.
    const claims = await claimBatch(t.db.database.db, t.clock.now(), h.config);
    expect(claims).toHaveLength(2);
    const delivered = claims.find((c) => c.enrollmentId === sentBeforeCrash)!;
    await markDispatched(t.db.database.db, [delivered], t.clock.now(), h.config.leaseMs);
    await h.provider.send({
      messageId: delivered.email.messageId!,
      to: { address: 'x@y.test' },
      from: { address: 'a@b.test' },
      subject: 's',
      text: 't',
      correlationId: delivered.email.id,
    });
    await h.drain();
    expect(h.provider.sent).toHaveLength(1);

    t.clock.advance(h.config.leaseMs + 1000);
    await h.drain();
    await h.drain();
    expect((await h.emailsOf(sentBeforeCrash!))[0]).toMatchObject({ status: 'sent' });
    expect((await h.emailsOf(notSentBeforeCrash!))[0]).toMatchObject({ status: 'sent' });
    // One delivery each: the reconciled one was not sent again.
    expect(h.provider.sent.map((e) => e.messageId).sort()).toEqual(
      [...new Set(h.provider.sent.map((e) => e.messageId))].sort(),
    );
    expect(h.provider.sent).toHaveLength(2);

    // Without a way to ask the provider, a send that had started is parked as unknown and not resent
    // by itself; a claim that never reached the provider simply goes back to the queue.
    h.provider.canReconcile = false;
    const [lost, neverStarted] = await h.enroll(seq.id, [await h.contact(), await h.contact()], [box]);
    const second = await claimBatch(t.db.database.db, t.clock.now(), h.config);
    expect(second).toHaveLength(2);
    await markDispatched(
      t.db.database.db,
      second.filter((c) => c.enrollmentId === lost),
      t.clock.now(),
      h.config.leaseMs,
    );
    t.clock.advance(h.config.leaseMs + 1000);
    await h.drain();
    expect((await h.emailsOf(lost!))[0]).toMatchObject({ status: 'unknown' });
    expect((await h.emailsOf(neverStarted!))[0]).toMatchObject({ status: 'sent' });
    expect(h.provider.sent).toHaveLength(3);
  });

  it('re-slots a stale backlog into the next window, and an inactive sequence sends nothing until reactivated', async () => {
    t.clock.set(SUNDAY_NOON_NY);
    const h = await harness(t);
    const box = await h.mailbox();
    const seq = await h.sequence();
    const [enr] = await h.enroll(seq.id, [await h.contact()], [box]);
    // Down from Monday morning until Wednesday 10:00 New York: 49 hours late.
    t.clock.set('2026-11-25T15:00:00Z');
    await h.drain();
    expect(h.provider.sent).toHaveLength(0);
    expect((await h.emailsOf(enr!))[0]).toMatchObject({
      status: 'scheduled',
      waitingFor: 'window',
      dueAt: new Date('2026-11-26T14:00:00Z'),
    });

    await t.db.database.db.update(sequences).set({ active: false }).where(eq(sequences.id, seq.id));
    t.clock.set('2026-11-26T14:00:00Z');
    await h.drain();
    expect(h.provider.sent).toHaveLength(0);
    expect((await h.emailsOf(enr!))[0]!.status).toBe('scheduled');
    await t.db.database.db.update(sequences).set({ active: true }).where(eq(sequences.id, seq.id));
    await h.drain();
    expect(h.provider.sent).toHaveLength(1);
  });

  it('puts higher prospect scores first when more is due than a batch holds', async () => {
    t.clock.set(MONDAY_9_NY);
    const h = await harness(t, { batchSize: 1 });
    const box = await h.mailbox({ hourlyLimit: 1 });
    const seq = await h.sequence();
    const low = await h.contact({ prospectScore: 10 });
    const high = await h.contact({ prospectScore: 90 });
    const [eLow, eHigh] = await h.enroll(seq.id, [low, high], [box]);
    await h.drain();
    expect(h.provider.sent).toHaveLength(1);
    expect((await h.emailsOf(eHigh!))[0]?.status).toBe('sent');
    expect((await h.emailsOf(eLow!))[0]).toMatchObject({
      status: 'scheduled',
      waitingFor: 'mailbox_capacity',
    });
  });
});

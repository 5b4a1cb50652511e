import { describe, expect, it } from 'vitest';
import {
  capacityRequests,
  decideGuards,
  nextSendAtByMailbox,
  splitByCapacity,
} from '../../../../server/scheduler/decide-claims';
import type { CapacityDecision } from '../../../../server/scheduler/mailbox-capacity';
import type { SendSnapshot } from '../../../../shared/send-guard/snapshot';
import { cleanSnapshot, snapshotWith } from '../../shared/send-guard/fixtures';
import { dueRow } from './due-rows';

const NOW = new Date('2025-03-04T10:00:00Z');
const byKey = (ds: CapacityDecision[]) => new Map(ds.map((d) => [d.key, d]));

describe('the claim decisions after the window check', () => {
  it('asks capacity for each email with its mailboxes, lower-cased recipient domain and queue place', () => {
    const rows = [
      dueRow('a', { mailboxIds: ['m2', 'm1'], contactEmail: 'Ada@Example.COM' }),
      dueRow('b', { mailboxIds: ['m1'], contactEmail: null, email: { waitingFor: 'mailbox_capacity' } }),
    ];
    expect(capacityRequests(rows)).toEqual({
      requests: [
        { key: 'a', mailboxIds: ['m2', 'm1'], domain: 'example.com', returning: false },
        // It waited for mailbox room already: it keeps its place at the head of the queue.
        { key: 'b', mailboxIds: ['m1'], domain: null, returning: true },
      ],
      mailboxIds: ['m1', 'm2'],
      domains: ['example.com'],
    });
  });

  it('defers the emails every mailbox holds, keeping their slot, and sends the rest to the guards', () => {
    const rows = [dueRow('a'), dueRow('b'), dueRow('c')];
    const retryAt = new Date(NOW.getTime() + 60_000);
    const r = splitByCapacity(
      rows,
      byKey([
        { key: 'a', kind: 'assigned', mailboxId: 'm1' },
        { key: 'b', kind: 'wait', retryAt, reason: 'min_gap', detail: 'minimum gap: 60 s' },
        { key: 'c', kind: 'no_mailbox', mailboxId: null },
      ]),
    );
    expect(r.deferred).toEqual([
      {
        id: 'b',
        dueAt: retryAt,
        scheduledAt: null,
        waitingFor: 'mailbox_capacity',
        waitReason: 'min_gap',
        waitDetail: 'minimum gap: 60 s',
      },
    ]);
    expect(r.toCheck.map((x) => [x.row.email.id, x.mailboxId])).toEqual([
      ['a', 'm1'],
      ['c', null],
    ]);
  });

  it('groups approved emails by mailbox and refuses the rest with every reason', () => {
    const snapshots = new Map<string, SendSnapshot>([
      ['ok', cleanSnapshot()],
      ['stage', snapshotWith({ contact: { stage: 'Customer' } })],
      ['nobox', cleanSnapshot()],
      ['gone', cleanSnapshot()],
    ]);
    const toCheck = [
      { row: dueRow('ok'), mailboxId: 'm1' },
      { row: dueRow('stage'), mailboxId: 'm1' },
      { row: dueRow('nobox'), mailboxId: null },
      { row: dueRow('gone'), mailboxId: 'm9' },
      { row: dueRow('nosnap'), mailboxId: 'm1' },
    ];
    const r = decideGuards(toCheck, snapshots, (id) => id === 'm1', NOW);
    expect([...r.byMailbox].map(([m, g]) => [m, g.map((x) => x.row.email.id)])).toEqual([['m1', ['ok']]]);
    expect(r.refused.map((x) => x.id)).toEqual(['stage', 'nobox', 'gone']);
    const stage = r.refused[0];
    expect(stage).toMatchObject({
      teamId: 't1',
      contactId: 'c-stage',
      enrollmentId: 'enr-stage',
      mailboxId: 'm1',
    });
    expect(stage?.reasons.length).toBeGreaterThan(0);
    expect(stage?.detail).toContain(stage?.reasons[0]);
    // Approved by the guards but its mailbox was not locked: refused with no reason of its own.
    expect(r.refused[2]).toMatchObject({ id: 'gone', reasons: [], detail: '' });
  });

  it('lets a forced retry past the forceable protections', () => {
    const snapshots = new Map([['f', snapshotWith({ contact: { jobChangeDetected: true } })]]);
    const plain = decideGuards([{ row: dueRow('f'), mailboxId: 'm1' }], snapshots, () => true, NOW);
    expect(plain.refused).toHaveLength(1);
    const forced = decideGuards(
      [{ row: dueRow('f', { email: { forceSend: true } }), mailboxId: 'm1' }],
      snapshots,
      () => true,
      NOW,
    );
    expect(forced.refused).toEqual([]);
  });

  it('holds the email of a deactivated owner (owner_inactive) instead of refusing or sending it', () => {
    const snapshots = new Map([
      [
        'gone',
        snapshotWith({ contact: { ownerId: 'usr_gone', stage: 'Customer' }, inactiveUserIds: ['usr_gone'] }),
      ],
      ['ok', cleanSnapshot()],
    ]);
    const r = decideGuards(
      [
        { row: dueRow('gone'), mailboxId: 'm1' },
        { row: dueRow('ok'), mailboxId: 'm1' },
      ],
      snapshots,
      () => true,
      NOW,
    );
    expect(r.refused).toEqual([]);
    expect(r.held).toEqual([
      {
        id: 'gone',
        dueAt: new Date(NOW.getTime() + 15 * 60_000),
        scheduledAt: null,
        waitingFor: 'owner_inactive',
        waitReason: null,
        waitDetail: 'owner usr_gone is deactivated',
      },
    ]);
    expect([...r.byMailbox].map(([m, g]) => [m, g.map((x) => x.row.email.id)])).toEqual([['m1', ['ok']]]);
  });

  it("moves each mailbox's gap to the latest next-send time among its claims", () => {
    const early = new Date(NOW.getTime() + 60_000);
    const late = new Date(NOW.getTime() + 90_000);
    const byMailbox = new Map([
      [
        'm1',
        [
          { row: dueRow('a'), snapshot: cleanSnapshot() },
          { row: dueRow('b'), snapshot: cleanSnapshot() },
        ],
      ],
      ['m2', [{ row: dueRow('c'), snapshot: cleanSnapshot() }]],
    ]);
    const decisions = byKey([
      { key: 'a', kind: 'assigned', mailboxId: 'm1', nextSendAt: late },
      { key: 'b', kind: 'assigned', mailboxId: 'm1', nextSendAt: early },
      { key: 'c', kind: 'assigned', mailboxId: 'm2' },
    ]);
    expect(nextSendAtByMailbox(byMailbox, decisions)).toEqual(new Map([['m1', late]]));
  });
});

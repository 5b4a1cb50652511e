import { describe, expect, it } from 'vitest';
import { assignMailboxes, type MailboxUsage } from '../../../../server/scheduler/mailbox-capacity';

const now = new Date('2026-11-23T10:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const box = (id: string, claims: Date[], o: Partial<MailboxUsage> = {}): MailboxUsage => ({
  id,
  active: true,
  hourlyLimit: 6,
  dailyLimit: 50,
  claims,
  ...o,
});

describe('assignMailboxes', () => {
  it('fills a mailbox up to its hourly cap, then makes the rest wait for the oldest claim to age out', () => {
    const usage = [box('a', [minutesAgo(50), minutesAgo(10)])];
    const reqs = Array.from({ length: 6 }, (_, i) => ({ key: `e${i}`, mailboxIds: ['a'] }));
    const out = assignMailboxes(now, usage, reqs);
    expect(out.slice(0, 4).every((d) => d.kind === 'assigned')).toBe(true);
    // Six claims in the hour now: the one made 50 minutes ago frees a slot in 10 minutes.
    expect(out[4]).toEqual({
      key: 'e4',
      kind: 'wait',
      retryAt: new Date(now.getTime() + 10 * 60_000),
      reason: 'hourly_limit',
      detail: 'hourly limit: 6 an hour',
    });
    expect(out[5]?.kind).toBe('wait');
  });

  it('holds the daily cap over a rolling 24 hours', () => {
    const claims = Array.from({ length: 50 }, (_, i) => new Date(now.getTime() - (23 * 60 - i) * 60_000));
    const out = assignMailboxes(
      now,
      [box('a', claims, { hourlyLimit: 100 })],
      [{ key: 'x', mailboxIds: ['a'] }],
    );
    expect(out[0]).toMatchObject({
      key: 'x',
      kind: 'wait',
      retryAt: new Date(claims[0]!.getTime() + 86_400_000),
      reason: 'daily_limit',
    });
  });

  it('ignores claims older than a day', () => {
    const old = Array.from({ length: 60 }, () => minutesAgo(25 * 60));
    const out = assignMailboxes(now, [box('a', old)], [{ key: 'x', mailboxIds: ['a'] }]);
    expect(out[0]).toEqual({ key: 'x', kind: 'assigned', mailboxId: 'a' });
  });

  it('rotates: each send takes the candidate with the most room, so load spreads evenly', () => {
    const usage = [box('a', [minutesAgo(100), minutesAgo(90)]), box('b', []), box('c', [minutesAgo(100)])];
    const reqs = Array.from({ length: 6 }, (_, i) => ({ key: `e${i}`, mailboxIds: ['a', 'b', 'c'] }));
    const picks = assignMailboxes(now, usage, reqs).map((d) =>
      d.kind === 'assigned' ? d.mailboxId : d.kind,
    );
    expect(picks.slice(0, 3)).toEqual(['b', 'b', 'c']);
    const picked = (id: string) => picks.filter((p) => p === id).length;
    // Starting from 2, 0 and 1 claims today, six sends leave each mailbox with exactly three.
    expect([2 + picked('a'), 0 + picked('b'), 1 + picked('c')]).toEqual([3, 3, 3]);
  });

  it('skips an inactive mailbox in rotation and reports no_mailbox when none can send', () => {
    const usage = [box('a', [], { active: false }), box('b', [])];
    expect(assignMailboxes(now, usage, [{ key: 'x', mailboxIds: ['a', 'b'] }])[0]).toMatchObject({
      mailboxId: 'b',
    });
    expect(assignMailboxes(now, usage, [{ key: 'y', mailboxIds: ['a'] }])[0]).toEqual({
      key: 'y',
      kind: 'no_mailbox',
      mailboxId: 'a',
    });
    expect(assignMailboxes(now, usage, [{ key: 'z', mailboxIds: [] }])[0]).toEqual({
      key: 'z',
      kind: 'no_mailbox',
      mailboxId: null,
    });
  });

  it('waits for the earliest mailbox to free when all rotation candidates are full', () => {
    const full = (id: string, oldest: number) =>
      box(id, [minutesAgo(oldest), ...Array.from({ length: 5 }, () => minutesAgo(1))]);
    const out = assignMailboxes(now, [full('a', 59), full('b', 30)], [{ key: 'x', mailboxIds: ['a', 'b'] }]);
    expect(out[0]).toMatchObject({ key: 'x', kind: 'wait', retryAt: new Date(now.getTime() + 60_000) });
  });
});

import { describe, expect, it } from 'vitest';
import { ownerWait } from '../../../../shared/send-guard/owner-wait';
import { waitingCatalog, waitingForCodes } from '../../../../shared/send-guard/waiting-catalog';

const snap = (o: {
  contactOwner?: string | null;
  accountOwner?: string | null;
  acting?: string;
  inactive?: string[] | null;
}) => ({
  contact: { ownerId: o.contactOwner ?? null } as never,
  account: o.accountOwner === undefined ? null : ({ ownerId: o.accountOwner } as never),
  actingUserId: o.acting ?? 'usr_rep',
  inactiveUserIds: o.inactive ?? null,
});

describe('ownerWait: emails of a deactivated owner are held, not refused', () => {
  it('holds when the contact’s owner is deactivated', () => {
    expect(ownerWait(snap({ contactOwner: 'usr_gone', inactive: ['usr_gone'] }))).toEqual({
      waitingFor: 'owner_inactive',
      detail: 'usr_gone',
    });
  });

  it('judges the contact’s owner first: an inactive account owner or sender does not hold an owned contact', () => {
    expect(ownerWait(snap({ contactOwner: 'usr_b', accountOwner: 'usr_gone', inactive: ['usr_gone'] }))).toBe(
      null,
    );
    expect(ownerWait(snap({ contactOwner: 'usr_b', acting: 'usr_gone', inactive: ['usr_gone'] }))).toBe(null);
  });

  it('falls back to the account’s owner, then to the user the email is sent for', () => {
    expect(ownerWait(snap({ accountOwner: 'usr_gone', inactive: ['usr_gone'] }))?.detail).toBe('usr_gone');
    expect(ownerWait(snap({ acting: 'usr_gone', inactive: ['usr_gone'] }))?.detail).toBe('usr_gone');
    expect(ownerWait(snap({ acting: 'usr_gone', inactive: [] }))).toBe(null);
    expect(ownerWait(snap({ acting: 'usr_gone' }))).toBe(null);
  });

  it('every waiting reason has a label, a message and a fix in words', () => {
    for (const code of waitingForCodes) {
      const entry = waitingCatalog[code];
      expect(entry.label.length).toBeGreaterThan(5);
      expect(entry.message).toMatch(/\.$/);
      expect(entry.resolution).toMatch(/\.$/);
    }
  });
});

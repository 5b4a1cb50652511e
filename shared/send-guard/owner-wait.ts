import type { SendSnapshot } from './snapshot';

/** How long an email held for an inactive owner waits before the scheduler looks again. */
export const OWNER_INACTIVE_RECHECK_MS = 15 * 60_000;

export interface OwnerWait {
  readonly waitingFor: 'owner_inactive';
  /** The deactivated owner's id, for the email's detail. */
  readonly detail: string;
}

/**
 * Whose contact this email is: the contact's owner, else its account's owner, else (nobody owns it)
 * the user it is sent for. When that person has been deactivated the email is not attempted: it is
 * held, not refused, because an admin reassigning the contact (or reactivating the user) is all it
 * takes for it to go out (seeds/000, "Emails Not Attempted"). Not a guard rule: nothing is wrong
 * with the email itself, and it must not end the enrollment as a not-sent reason would.
 */
export function ownerWait(
  s: Pick<SendSnapshot, 'contact' | 'account' | 'actingUserId' | 'inactiveUserIds'>,
): OwnerWait | null {
  if (!s.inactiveUserIds?.length) return null;
  const owner = s.contact.ownerId || s.account?.ownerId || s.actingUserId;
  return s.inactiveUserIds.includes(owner) ? { waitingFor: 'owner_inactive', detail: owner } : null;
}

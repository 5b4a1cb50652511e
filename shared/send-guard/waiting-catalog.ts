/*
 * Why a scheduled email has not gone out yet (`Email.waitingFor`), in words: the companion of the
 * not-sent catalog for emails that are held rather than refused. No zod here, so any screen (a
 * content script included) can import it without paying for a schema library.
 */

export const waitingForCodes = ['window', 'mailbox_capacity', 'wait', 'owner_inactive'] as const;
export type WaitingFor = (typeof waitingForCodes)[number];

export interface WaitingEntry {
  /** Short title for badges and filters. */
  readonly label: string;
  /** One sentence: why the email has not gone out. */
  readonly message: string;
  /** What to do about it, or that nothing needs doing. */
  readonly resolution: string;
}

export const waitingCatalog = {
  window: {
    label: 'Waiting for the next sending window',
    message:
      'The email goes out when the sequence’s schedule next allows sending in the contact’s time zone.',
    resolution: 'Nothing to do; change the sequence’s schedule to send at other times.',
  },
  mailbox_capacity: {
    label: "Waiting for the mailbox's sending limit to free up",
    message:
      'The mailbox has reached one of its limits (per hour, per day, warm-up, gap or recipient domain).',
    resolution: 'Nothing to do; raise the mailbox’s limits or add mailboxes to the sequence to send sooner.',
  },
  wait: {
    label: 'Waiting for the step’s delay to pass',
    message: 'The step waits the delay set in the sequence after the previous step.',
    resolution: 'Nothing to do; shorten the step’s delay to send sooner.',
  },
  owner_inactive: {
    label: 'Owner deactivated',
    message:
      'The user who owns this contact has been deactivated, so Stride does not attempt the email (it is not lost).',
    resolution:
      "Ask an admin to transfer the deactivated user's contacts to an active user (Team > Transfer), change the contact's owner, or reactivate the user; the email then goes out at the next opportunity.",
  },
} as const satisfies Readonly<Record<WaitingFor, WaitingEntry>>;

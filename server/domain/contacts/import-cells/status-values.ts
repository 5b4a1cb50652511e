import type { EmailStatus } from '../../../../shared/schemas/contact';

export type Read<T> = { value: T } | { error: string };

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Email statuses in the vocabularies of the tools people export from, to ours. Apollo: Verified,
 * Unverified, Guessed, Extrapolated, Pending Manual Fulfillment, Unavailable, User Managed, Bounced;
 * verifiers (ZeroBounce, NeverBounce) write valid, catch-all, unknown, invalid. "bounced" also puts
 * the address on the team's bounce list (see `bounced` below).
 */
const EMAIL_STATUSES: Record<string, EmailStatus> = {
  verified: 'verified',
  valid: 'verified',
  deliverable: 'verified',
  safetosend: 'verified',
  ok: 'verified',
  unverified: 'unverified',
  guessed: 'unverified',
  likely: 'unverified',
  likelytoengage: 'unverified',
  extrapolated: 'unverified',
  pending: 'unverified',
  pendingmanualfulfillment: 'unverified',
  unavailable: 'unverified',
  usermanaged: 'unverified',
  unknown: 'unverified',
  catchall: 'unverified',
  acceptall: 'unverified',
  risky: 'unverified',
  new: 'unverified',
  invalid: 'invalid',
  undeliverable: 'invalid',
  bad: 'invalid',
  baddata: 'invalid',
  bounced: 'invalid',
  hardbounce: 'invalid',
  hardbounced: 'invalid',
  donotmail: 'invalid',
};

export function emailStatus(raw: string): Read<EmailStatus> {
  const status = EMAIL_STATUSES[squash(raw)];
  if (!status) {
    return {
      error: 'unknown email status; use verified, unverified or invalid (or the exporting tool’s own words)',
    };
  }
  return { value: status };
}

const TRUE = new Set([
  'true',
  'yes',
  'y',
  '1',
  'x',
  'checked',
  'on',
  't',
  'optedout',
  'unsubscribed',
  'ja',
  'oui',
  'si',
]);
const FALSE = new Set([
  'false',
  'no',
  'n',
  '0',
  'unchecked',
  'off',
  'f',
  'nein',
  'non',
  'optedin',
  'subscribed',
  '',
]);

/** A checkbox column ("Email Opt Out", "Unsubscribed from all email", "Do Not Contact"). */
export function yesNo(raw: string): Read<boolean> {
  const key = squash(raw);
  if (TRUE.has(key)) return { value: true };
  if (FALSE.has(key)) return { value: false };
  return { error: 'expected yes/no (true, false, 1, 0)' };
}

/**
 * A bounce column may be a checkbox ("Email Bounced": true) or the bounce's reason or date
 * (Salesforce "Email Bounced Reason", HubSpot "Email hard bounce reason"): any value other than a
 * "no" means the address bounced; HubSpot's "Marketing emails bounced" counts, so 0 means no.
 */
export function bouncedValue(raw: string): Read<boolean> {
  const key = squash(raw);
  return { value: !FALSE.has(key) };
}

/** Contact stages that mean "never email this person" in the source tool (Apollo, Outreach, HubSpot). */
const DO_NOT_CONTACT_STAGES = new Set(['donotcontact', 'dnc', 'donotemail', 'optedout', 'unsubscribed']);

export const stageMeansDoNotContact = (stage: string) => DO_NOT_CONTACT_STAGES.has(squash(stage));

import type { MailMessage, MailParticipant } from '../hosts/mail-host';

// Deliberately loose: it only has to find the address inside labels like "Dana Lee <dana@acme.test>".
const ADDRESS = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** The first e-mail address inside `text`, lower-cased; undefined when there is none. */
export function findAddress(text: string | null | undefined): string | undefined {
  const m = text ? ADDRESS.exec(text) : null;
  return m ? m[0].toLowerCase() : undefined;
}

/** Senders first (in message order), then recipients, each address once. */
export function participantsOf(messages: MailMessage[], names: Map<string, string> = new Map()) {
  const seen = new Map<string, MailParticipant>();
  const add = (address: string) => {
    const key = address.toLowerCase();
    if (!key || seen.has(key)) return;
    const name = names.get(key);
    seen.set(key, name ? { address: key, name } : { address: key });
  };
  for (const m of messages) add(m.from);
  for (const m of messages) for (const to of m.to) add(to);
  return [...seen.values()];
}

/** The person the rep is talking to: the first participant who is not the rep. */
export function otherParty(participants: MailParticipant[], user: string): MailParticipant | undefined {
  const me = user.toLowerCase();
  return participants.find((p) => p.address !== me);
}

/** Splits a display name into the first and last name a new contact gets. */
export function splitName(name: string | undefined): { firstName?: string; lastName?: string } {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0 || (parts[0] ?? '').includes('@')) return {};
  const [firstName, ...rest] = parts;
  return rest.length ? { firstName, lastName: rest.join(' ') } : { firstName };
}

import type { Account, Contact } from '../../../shared/schemas/contact';
import type { accounts, contacts } from '../../db/schema';

export type ContactRow = typeof contacts.$inferSelect;
export type AccountRow = typeof accounts.$inferSelect;

/** The one shape a contact leaves the server in (GET, POST, PATCH, lists, the delta feed). */
export function toContactDto(c: ContactRow): Contact {
  return {
    id: c.id,
    email: c.email,
    firstName: c.firstName,
    lastName: c.lastName,
    title: c.title,
    company: c.company,
    accountId: c.accountId,
    ownerId: c.ownerId,
    stage: c.stage,
    timezone: c.timezone,
    country: c.country,
    emailStatus: c.emailStatus,
    personalizedOpener: c.personalizedOpener,
    phone: c.phone,
    phoneValid: c.phone === null ? null : c.phoneValid === true,
    linkedinUrl: c.linkedinUrl,
    fields: c.fields,
    jobChangeDetected: c.jobChangeDetected,
    prospectScore: c.prospectScore,
    unsubscribed: c.unsubscribedAt !== null,
    bounced: c.bouncedAt !== null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function toAccountDto(a: AccountRow): Account {
  return {
    id: a.id,
    name: a.name,
    domain: a.domain,
    stage: a.stage,
    ownerId: a.ownerId,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

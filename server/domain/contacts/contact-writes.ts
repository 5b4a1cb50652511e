import { and, eq, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { createContactSchema, patchContactSchema } from '../../../shared/schemas/contact';
import { loadContactFor, visibleContacts } from '../../auth/access';
import type { Db, Tx } from '../../db/client';
import { newId } from '../../db/ids';
import { contacts } from '../../db/schema';
import { type ActivityInput, recordActivity } from '../activity';
import type { Actor } from '../actor';
import { conflict } from '../errors';
import type { AccountRow, ContactRow } from './contact-dto';
import { normalizePhone } from './phone';
import {
  accountsByDomain,
  assertMayChangeOwner,
  assertTeamOwner,
  emailDomain,
  isUniqueViolation,
  loadTeamAccount,
} from './team-refs';

export type CreateContactInput = z.infer<typeof createContactSchema>;
export type PatchContactInput = z.infer<typeof patchContactSchema>;
type ContactChanges = Partial<typeof contacts.$inferInsert>;

/** Plain text columns a create or patch copies as given (null clears them). */
const TEXT_FIELDS = [
  'firstName',
  'lastName',
  'title',
  'company',
  'stage',
  'timezone',
  'country',
  'personalizedOpener',
  'linkedinUrl',
] as const;

/** The phone columns for a number as given, read with the contact's country as the default prefix. */
export function phoneColumns(raw: string | null | undefined, country: string | null | undefined) {
  if (!raw) return { phone: null, phoneValid: null };
  const { phone, valid } = normalizePhone(raw, country);
  return { phone, phoneValid: valid };
}

/**
 * The 409 names the existing contact only when the caller may open it: an id of a contact they
 * cannot see would tell them who else the team is talking to.
 */
export function duplicateEmail(existing: { id: string; visible: boolean } | null) {
  return conflict(
    'a contact with this email already exists in your team',
    existing?.visible ? { contactId: existing.id } : undefined,
  );
}

async function findByEmail(db: Db | Tx, user: Actor, emailLower: string, exceptId?: string) {
  const [row] = await db
    .select({ id: contacts.id, visible: sql<boolean>`coalesce(${visibleContacts(user)}, false)` })
    .from(contacts)
    .where(
      and(
        eq(contacts.teamId, user.teamId),
        eq(contacts.emailLower, emailLower),
        exceptId ? ne(contacts.id, exceptId) : undefined,
      ),
    );
  return row ? { id: row.id, visible: Boolean(row.visible) } : null;
}

/** A concurrent insert can still win the unique index after our check: answer 409 all the same. */
async function asConflict<T>(db: Db, user: Actor, emailLower: string | null, write: () => Promise<T>) {
  try {
    return await write();
  } catch (err) {
    if (!isUniqueViolation(err) || !emailLower) throw err;
    throw duplicateEmail(await findByEmail(db, user, emailLower));
  }
}

/** Apollo links a contact to the account whose domain matches the address when none was chosen. */
async function accountForEmail(db: Db, teamId: string, email: string | null): Promise<AccountRow | null> {
  const domain = emailDomain(email);
  if (!domain) return null;
  return (await accountsByDomain(db, teamId, [domain])).get(domain) ?? null;
}

export async function insertContact(db: Db, user: Actor, input: CreateContactInput, now: Date) {
  const ownerId = input.ownerId ?? null;
  assertMayChangeOwner(user, null, ownerId);
  await assertTeamOwner(db, user.teamId, ownerId);
  const email = input.email ?? null;
  const emailLower = email?.toLowerCase() ?? null;
  if (emailLower) {
    const existing = await findByEmail(db, user, emailLower);
    if (existing) throw duplicateEmail(existing);
  }
  let account: AccountRow | null = null;
  if (input.accountId === undefined) account = await accountForEmail(db, user.teamId, email);
  else if (input.accountId) account = await loadTeamAccount(db, user.teamId, input.accountId);
  const row = {
    id: newId('con', now.getTime()),
    teamId: user.teamId,
    email,
    emailLower,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    title: input.title ?? null,
    company: input.company ?? account?.name ?? null,
    stage: input.stage ?? null,
    timezone: input.timezone ?? null,
    country: input.country ?? null,
    personalizedOpener: input.personalizedOpener ?? null,
    linkedinUrl: input.linkedinUrl ?? null,
    ...phoneColumns(input.phone, input.country),
    accountId: account ? account.id : null,
    ownerId,
    emailStatus: input.emailStatus ?? 'unverified',
    fields: input.fields ?? {},
    prospectScore: input.prospectScore ?? 0,
    createdAt: now,
    updatedAt: now,
  } satisfies typeof contacts.$inferInsert;
  return asConflict(db, user, emailLower, () =>
    db.transaction(async (tx) => {
      const [inserted] = await tx.insert(contacts).values(row).returning();
      if (!inserted) throw new Error('insert returned no row');
      await recordActivity(tx, {
        teamId: user.teamId,
        kind: 'contact_created',
        contactId: inserted.id,
        actorId: user.id,
        data: {
          source: 'api',
          ...(input.accountId === undefined && account && { linkedAccountByDomain: account.id }),
        },
        at: now,
      });
      return inserted;
    }),
  );
}

/** Field-by-field differences between the stored contact and a patch; untouched fields stay out. */
async function diffPatch(db: Db, user: Actor, current: ContactRow, patch: PatchContactInput) {
  const changes: ContactChanges = {};
  for (const k of TEXT_FIELDS) {
    const next = patch[k];
    if (next !== undefined && (next ?? null) !== current[k]) changes[k] = next ?? null;
  }
  const country = patch.country === undefined ? current.country : (patch.country ?? null);
  if (patch.phone !== undefined) {
    const next = phoneColumns(patch.phone, country);
    if (next.phone !== current.phone || next.phoneValid !== current.phoneValid) Object.assign(changes, next);
  } else if (current.phone && current.phoneValid === false && country !== current.country) {
    // A number written without its prefix may read once the contact's country is known.
    const next = phoneColumns(current.phone, country);
    if (next.phoneValid) Object.assign(changes, next);
  }
  if (patch.emailStatus !== undefined && patch.emailStatus !== current.emailStatus) {
    changes.emailStatus = patch.emailStatus;
  }
  if (patch.jobChangeDetected !== undefined && patch.jobChangeDetected !== current.jobChangeDetected) {
    changes.jobChangeDetected = patch.jobChangeDetected;
  }
  if (patch.prospectScore !== undefined && patch.prospectScore !== current.prospectScore) {
    changes.prospectScore = patch.prospectScore;
  }
  // `fields` is replaced as a whole: a client removes a custom field by leaving it out.
  if (patch.fields !== undefined && JSON.stringify(patch.fields) !== JSON.stringify(current.fields)) {
    changes.fields = patch.fields;
  }
  if (patch.ownerId !== undefined && (patch.ownerId ?? null) !== current.ownerId) {
    const to = patch.ownerId ?? null;
    assertMayChangeOwner(user, current.ownerId, to);
    await assertTeamOwner(db, user.teamId, to);
    changes.ownerId = to;
  }
  const email = patch.email === undefined ? current.email : (patch.email ?? null);
  const emailLower = email?.toLowerCase() ?? null;
  if (email !== current.email) {
    changes.email = email;
    changes.emailLower = emailLower;
  }
  const addressChanged = emailLower !== current.emailLower;
  if (addressChanged) {
    if (emailLower) {
      const existing = await findByEmail(db, user, emailLower, current.id);
      if (existing) throw duplicateEmail(existing);
    }
    // Verification and bounces belong to the old address; a new one starts unverified and unbounced.
    if (patch.emailStatus === undefined) changes.emailStatus = 'unverified';
    if (current.bouncedAt) changes.bouncedAt = null;
  }
  let account: AccountRow | null = null;
  if (patch.accountId !== undefined) {
    account = patch.accountId ? await loadTeamAccount(db, user.teamId, patch.accountId) : null;
    if ((patch.accountId ?? null) !== current.accountId) changes.accountId = patch.accountId ?? null;
  } else if (addressChanged && current.accountId === null) {
    account = await accountForEmail(db, user.teamId, email);
    if (account) changes.accountId = account.id;
  }
  const company = changes.company === undefined ? current.company : changes.company;
  if (account && changes.accountId && company === null) changes.company = account.name;
  return { changes, emailLower };
}

export async function updateContact(
  db: Db,
  user: Actor,
  contactId: string,
  patch: PatchContactInput,
  now: Date,
) {
  const current = await loadContactFor(db, user, contactId);
  const { changes, emailLower } = await diffPatch(db, user, current, patch);
  const changed = Object.keys(changes);
  if (changed.length === 0) return current;
  return asConflict(db, user, emailLower, () =>
    db.transaction(async (tx) => {
      const [updated] = await tx
        .update(contacts)
        .set({ ...changes, updatedAt: now })
        .where(eq(contacts.id, current.id))
        .returning();
      if (!updated) throw new Error('update returned no row');
      const base = { teamId: user.teamId, contactId: current.id, actorId: user.id, at: now };
      const history: ActivityInput[] = [{ ...base, kind: 'contact_updated', data: { changed } }];
      // Tasks and emails already created stay with the old owner; only later ones follow the new one.
      if (changes.ownerId !== undefined) {
        history.push({
          ...base,
          kind: 'owner_changed',
          data: { from: current.ownerId, to: changes.ownerId },
        });
      }
      await recordActivity(tx, history);
      return updated;
    }),
  );
}

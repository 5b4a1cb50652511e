import { and, eq, or } from 'drizzle-orm';
import type { Ruleset } from '../../../shared/schemas/ruleset';
import type { SendSnapshot } from '../../../shared/send-guard/snapshot';
import { variantById } from '../../../shared/variants/pick-variant';
import { inList } from '../../db/bulk';
import type { Db, Tx } from '../../db/client';
import { runPrepared } from '../../db/prepared';
import {
  accounts,
  activities,
  blocklist,
  bouncedAddresses,
  contacts,
  emails,
  enrollments,
  mailboxes,
  sequences,
  snippets,
  steps,
  users,
} from '../../db/schema';
import { selectByIds } from '../../db/select-by-ids';

/** One prospective send to describe; `key` is the caller's handle for the result. */
export interface SnapshotRequest {
  key: string;
  teamId: string;
  /** A contact row; when it does not exist, `adHocEmail` describes a recipient not in the CRM yet. */
  contactId: string;
  adHocEmail?: string | null;
  actingUserId: string;
  mailboxId?: string | null;
  sequenceId?: string | null;
  stepId?: string | null;
  /** The email's A/B variant: its subject (when it has one) and body stand in for the step's. */
  variantId?: string | null;
  draft?: { subject?: string | null; body?: string | null } | null;
  /** For reply_previous steps: the message this one answers (null when it cannot be found). */
  thread?: { previousMessageId: string | null; threadId: string | null } | null;
  /** An email row that is this send itself, excluded from "already sent this step". */
  emailId?: string | null;
  /** Include the contact's other live enrollments (the compose bar's notice; enrolling). */
  withEnrollments?: boolean;
}

const uniq = <T>(xs: Iterable<T | null | undefined>): T[] => [
  ...new Set([...xs].filter((x): x is T => x != null)),
];
const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/** The contact columns a snapshot reads (not the whole row: this runs for every claimed batch). */
export const contactColumns = {
  id: contacts.id,
  email: contacts.email,
  emailLower: contacts.emailLower,
  firstName: contacts.firstName,
  lastName: contacts.lastName,
  title: contacts.title,
  company: contacts.company,
  accountId: contacts.accountId,
  ownerId: contacts.ownerId,
  stage: contacts.stage,
  timezone: contacts.timezone,
  country: contacts.country,
  emailStatus: contacts.emailStatus,
  personalizedOpener: contacts.personalizedOpener,
  fields: contacts.fields,
  jobChangeDetected: contacts.jobChangeDetected,
  unsubscribedAt: contacts.unsubscribedAt,
  bouncedAt: contacts.bouncedAt,
};
export type SnapshotContact = { [K in keyof typeof contactColumns]: (typeof contacts.$inferSelect)[K] };

/** A recipient the compose bar sees who is not a contact yet: only address-based rules can apply. */
function adHocContact(email: string): SnapshotContact {
  return {
    id: '',
    email,
    emailLower: email.toLowerCase(),
    firstName: null,
    lastName: null,
    title: null,
    company: null,
    accountId: null,
    ownerId: null,
    stage: null,
    timezone: null,
    country: null,
    emailStatus: 'unverified',
    personalizedOpener: null,
    fields: {},
    jobChangeDetected: false,
    unsubscribedAt: null,
    bouncedAt: null,
  };
}

/**
 * Builds the send-guard snapshots for many sends in a fixed number of queries (not per send), so the
 * scheduler can check a whole claimed batch and preflight can share exactly the same facts. Every
 * query takes its id lists as one jsonb parameter, so its text is the same for any batch and it runs
 * prepared (see db/prepared.ts); they are issued together, so postgres.js pipelines them.
 */
export async function loadSnapshots(
  db: Db | Tx,
  requests: SnapshotRequest[],
  /** The requests' contact rows (`contactColumns`) when the caller has just read them: one round trip less. */
  known: { contacts?: SnapshotContact[] } = {},
): Promise<Map<string, SendSnapshot>> {
  const out = new Map<string, SendSnapshot>();
  if (requests.length === 0) return out;
  const teamIds = uniq(requests.map((r) => r.teamId));
  const contactRows =
    known.contacts ??
    (await runPrepared(
      db
        .select(contactColumns)
        .from(contacts)
        .where(inList(contacts.id, uniq(requests.map((r) => r.contactId)))),
      'snapshot_contacts',
    ));
  const contactById = byId(contactRows);
  const addresses = uniq([
    ...contactRows.map((c) => c.emailLower),
    ...requests.map((r) => r.adHocEmail?.toLowerCase()),
  ]);
  const domains = uniq(addresses.map(domainOf));
  const accountIds = uniq(contactRows.map((c) => c.accountId));
  const contactIds = contactRows.map((c) => c.id);
  const seqIds = uniq(requests.map((r) => r.sequenceId));
  const stepIds = uniq(requests.map((r) => r.stepId));
  const mailboxIds = uniq(requests.map((r) => r.mailboxId));

  const [
    accountRows,
    senderRows,
    mailboxRows,
    sequenceRows,
    stepRows,
    snippetRows,
    blockRows,
    bounced,
    delivered,
    replied,
    live,
    inactive,
  ] = await Promise.all([
    selectByIds(db, accounts, ['id', 'stage', 'domain', 'ownerId'], accountIds, 'snapshot_accounts'),
    runPrepared(
      db
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(inList(users.id, uniq(requests.map((r) => r.actingUserId)))),
      'snapshot_senders',
    ),
    selectByIds(
      db,
      mailboxes,
      ['id', 'address', 'status', 'inactiveReason', 'signature', 'meetingLink'],
      mailboxIds,
      'snapshot_mailboxes',
    ),
    selectByIds(db, sequences, ['id', 'active', 'ruleset'], seqIds, 'snapshot_sequences'),
    selectByIds(
      db,
      steps,
      ['id', 'type', 'active', 'threadMode', 'subject', 'body', 'trackClicks', 'trackOpens', 'variants'],
      stepIds,
      'snapshot_steps',
    ),
    runPrepared(
      db
        .select({ teamId: snippets.teamId, name: snippets.name, body: snippets.body })
        .from(snippets)
        .where(inList(snippets.teamId, teamIds)),
      'snapshot_snippets',
    ),
    addresses.length
      ? runPrepared(
          db
            .select({ teamId: blocklist.teamId, kind: blocklist.kind, value: blocklist.value })
            .from(blocklist)
            .where(
              and(
                inList(blocklist.teamId, teamIds),
                or(
                  and(eq(blocklist.kind, 'email'), inList(blocklist.value, addresses)),
                  and(eq(blocklist.kind, 'domain'), inList(blocklist.value, domains)),
                ),
              ),
            ),
          'snapshot_blocklist',
        )
      : [],
    addresses.length
      ? runPrepared(
          db
            .select({ teamId: bouncedAddresses.teamId, address: bouncedAddresses.address })
            .from(bouncedAddresses)
            .where(
              and(inList(bouncedAddresses.teamId, teamIds), inList(bouncedAddresses.address, addresses)),
            ),
          'snapshot_bounced',
        )
      : [],
    // One read of the contacts' delivered emails serves both the per-address count and "this step
    // already went out"; it is reached through the contact index alone, so a batch reads its own
    // contacts' emails and never every email of a step.
    contactIds.length
      ? runPrepared(
          db
            .select({
              id: emails.id,
              contactId: emails.contactId,
              stepId: emails.stepId,
              status: emails.status,
            })
            .from(emails)
            .where(and(inList(emails.contactId, contactIds), inList(emails.status, ['sent', 'bounced']))),
          'snapshot_delivered',
        )
      : [],
    accountIds.length
      ? runPrepared(
          db
            .selectDistinct({ accountId: contacts.accountId, contactId: contacts.id })
            .from(activities)
            .innerJoin(contacts, eq(contacts.id, activities.contactId))
            .where(and(eq(activities.kind, 'email.replied'), inList(contacts.accountId, accountIds))),
          'snapshot_replied',
        )
      : [],
    requests.some((r) => r.withEnrollments)
      ? runPrepared(
          db
            .select({ contactId: enrollments.contactId, sequenceId: enrollments.sequenceId })
            .from(enrollments)
            .where(
              and(
                inList(enrollments.contactId, contactIds),
                inList(enrollments.status, ['active', 'scheduled', 'paused']),
              ),
            ),
          'snapshot_live_enrollments',
        )
      : [],
    // Deactivated users are few (people who left), so the team's whole list is cheap to read.
    runPrepared(
      db
        .select({ id: users.id })
        .from(users)
        .where(and(inList(users.teamId, teamIds), eq(users.active, false))),
      'snapshot_inactive_users',
    ),
  ]);
  const inactiveIds = new Set(inactive.map((u) => u.id));

  const accountById = byId(accountRows);
  const senderById = byId(senderRows);
  const mailboxById = byId(mailboxRows);
  const sequenceById = byId(sequenceRows);
  const stepById = byId(stepRows);
  const sentCount = new Map<string, number>();
  for (const e of delivered)
    if (e.status === 'sent') sentCount.set(e.contactId, (sentCount.get(e.contactId) ?? 0) + 1);
  const stepSet = new Set(stepIds);
  const sentSteps = delivered.filter((e) => e.stepId !== null && stepSet.has(e.stepId));
  const bouncedSet = new Set(bounced.map((b) => `${b.teamId}|${b.address}`));

  for (const r of requests) {
    const known = contactById.get(r.contactId);
    const c = known ?? (r.adHocEmail ? adHocContact(r.adHocEmail) : undefined);
    if (!c) continue;
    const team = <T extends { teamId: string }>(rows: T[]) => rows.filter((x) => x.teamId === r.teamId);
    const account = c.accountId ? accountById.get(c.accountId) : undefined;
    const mailbox = r.mailboxId ? mailboxById.get(r.mailboxId) : undefined;
    const sequence = r.sequenceId ? sequenceById.get(r.sequenceId) : undefined;
    const step = r.stepId ? stepById.get(r.stepId) : undefined;
    const variant = step ? variantById(step.variants, r.variantId) : undefined;
    const sender = senderById.get(r.actingUserId);
    const teamBlocks = team(blockRows);
    out.set(r.key, {
      contact: {
        id: c.id,
        email: c.email,
        // Nothing is known about a stranger's address, so it is not treated as unverified either.
        emailStatus: known ? c.emailStatus : null,
        firstName: c.firstName,
        lastName: c.lastName,
        company: c.company,
        title: c.title,
        fields: c.fields,
        stage: c.stage,
        ownerId: c.ownerId,
        accountId: c.accountId,
        country: c.country,
        timezone: c.timezone,
        personalizedOpener: c.personalizedOpener,
        jobChangeDetected: c.jobChangeDetected,
        unsubscribed: c.unsubscribedAt !== null,
        bouncedBefore:
          c.bouncedAt !== null || (c.emailLower !== null && bouncedSet.has(`${r.teamId}|${c.emailLower}`)),
        sentCountToAddress: sentCount.get(c.id) ?? 0,
      },
      account: account
        ? { id: account.id, stage: account.stage, domain: account.domain, ownerId: account.ownerId }
        : null,
      actingUserId: r.actingUserId,
      sender: sender ? { id: sender.id, name: sender.name, email: mailbox?.address ?? sender.email } : null,
      mailbox: mailbox
        ? {
            id: mailbox.id,
            status: mailbox.status,
            inactiveReason: mailbox.inactiveReason,
            signature: mailbox.signature,
            meetingLink: mailbox.meetingLink,
          }
        : null,
      sequence: sequence
        ? { id: sequence.id, active: sequence.active, ruleset: sequence.ruleset as Ruleset }
        : null,
      step: step
        ? {
            id: step.id,
            type: step.type,
            active: step.active,
            threadMode: step.threadMode,
            subject: variant?.subject ?? step.subject,
            body: variant ? variant.body : step.body,
            trackClicks: step.trackClicks,
            trackOpens: step.trackOpens,
          }
        : null,
      draft: r.draft ? { subject: r.draft.subject ?? null, body: r.draft.body ?? null } : null,
      snippets: Object.fromEntries(team(snippetRows).map((s) => [s.name, s.body])),
      blocklist: {
        emails: teamBlocks.filter((b) => b.kind === 'email').map((b) => b.value),
        domains: teamBlocks.filter((b) => b.kind === 'domain').map((b) => b.value),
      },
      sameAccountReplied: c.accountId
        ? replied.some((x) => x.accountId === c.accountId && x.contactId !== c.id)
        : false,
      thread: r.thread ?? null,
      alreadySentStep: r.stepId
        ? sentSteps.some((e) => e.contactId === c.id && e.stepId === r.stepId && e.id !== r.emailId)
        : false,
      inactiveUserIds: [c.ownerId, account?.ownerId, r.actingUserId].filter(
        (id): id is string => !!id && inactiveIds.has(id),
      ),
      activeEnrollments: r.withEnrollments
        ? live.filter((e) => e.contactId === c.id).map((e) => ({ sequenceId: e.sequenceId }))
        : null,
    });
  }
  return out;
}

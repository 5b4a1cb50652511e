import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  contactEmailStatuses,
  emailStatuses,
  enrollmentStatuses,
  mailboxProviders,
  mailboxStatuses,
  stepTypes,
  taskStatuses,
  taskTypes,
  threadModes,
  userRoles,
} from '../../shared/enums';
import { waitingForCodes } from '../../shared/send-guard/waiting-catalog';

export * from './schema-reports';

/**
 * Every row the extension caches carries `change_seq`, bumped from one sequence on each write, so the
 * delta feed is "rows with change_seq > cursor" and never needs whole-table polling. Inserts take it
 * from the default; updates from the `bump_change_seq` trigger (migration change-seq-trigger), so no
 * writer sets it by hand.
 */
export const changeSeq = pgSequence('change_seq', { startWith: 1 });
const changeSeqColumn = () =>
  bigint('change_seq', { mode: 'number' }).notNull().default(sql`nextval('change_seq')`);

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();
const updatedAt = () => ts('updated_at').notNull().defaultNow();

/** Every tenant-owned row names its team; queries always filter by it. */
const teamRef = () =>
  text('team_id')
    .notNull()
    .references(() => teams.id);

export const teams = pgTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    teamId: teamRef(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: userRoles }).notNull(),
    passwordHash: text('password_hash').notNull(),
    /** Deactivated users cannot sign in; their contacts' emails wait (`owner_inactive`) until reassigned. */
    active: boolean('active').notNull().default(true),
    deactivatedAt: ts('deactivated_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_lower').on(sql`lower(${t.email})`)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: ts('last_used_at'),
    expiresAt: ts('expires_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash').on(t.tokenHash)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    teamId: teamRef(),
    name: text('name').notNull(),
    domain: text('domain'),
    stage: text('stage'),
    ownerId: text('owner_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    changeSeq: changeSeqColumn(),
  },
  (t) => [
    index('accounts_team_domain').on(t.teamId, t.domain),
    index('accounts_team_change').on(t.teamId, t.changeSeq),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    teamId: teamRef(),
    email: text('email'),
    /** lower(email), kept as a column so lookups and the per-team unique index stay simple. */
    emailLower: text('email_lower'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    title: text('title'),
    company: text('company'),
    accountId: text('account_id').references(() => accounts.id),
    ownerId: text('owner_id').references(() => users.id),
    stage: text('stage'),
    timezone: text('timezone'),
    country: text('country'),
    emailStatus: text('email_status', { enum: contactEmailStatuses }).notNull().default('unverified'),
    personalizedOpener: text('personalized_opener'),
    /** E.164 when it could be read; otherwise as written, with phoneValid false so nobody dials junk. */
    phone: text('phone'),
    phoneValid: boolean('phone_valid'),
    /** Normalised profile URL (https://www.linkedin.com/in/slug). */
    linkedinUrl: text('linkedin_url'),
    fields: jsonb('fields').$type<Record<string, string>>().notNull().default({}),
    jobChangeDetected: boolean('job_change_detected').notNull().default(false),
    prospectScore: integer('prospect_score').notNull().default(0),
    unsubscribedAt: ts('unsubscribed_at'),
    bouncedAt: ts('bounced_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    changeSeq: changeSeqColumn(),
  },
  (t) => [
    uniqueIndex('contacts_team_email').on(t.teamId, t.emailLower),
    index('contacts_team_change').on(t.teamId, t.changeSeq),
    index('contacts_account').on(t.accountId),
  ],
);

export const lists = pgTable('lists', {
  id: text('id').primaryKey(),
  teamId: text('team_id')
    .notNull()
    .references(() => teams.id),
  ownerId: text('owner_id').references(() => users.id),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const listMembers = pgTable(
  'list_members',
  {
    listId: text('list_id')
      .notNull()
      .references(() => lists.id, { onDelete: 'cascade' }),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.listId, t.contactId] })],
);

export const blocklist = pgTable(
  'blocklist',
  {
    id: text('id').primaryKey(),
    teamId: teamRef(),
    kind: text('kind', { enum: ['email', 'domain'] }).notNull(),
    /** Lower-cased address or bare domain. */
    value: text('value').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('blocklist_team_kind_value').on(t.teamId, t.kind, t.value)],
);

export const mailboxes = pgTable(
  'mailboxes',
  {
    id: text('id').primaryKey(),
    teamId: teamRef(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    provider: text('provider', {
      enum: mailboxProviders,
    }).notNull(),
    address: text('address').notNull(),
    name: text('name'),
    dailyLimit: integer('daily_limit').notNull().default(50),
    hourlyLimit: integer('hourly_limit').notNull().default(6),
    signature: text('signature'),
    /** The sender's booking page: `{{meetingLink}}`; a human click on it can finish the enrollment. */
    meetingLink: text('meeting_link'),
    /** Provider credentials, AES-GCM encrypted (never returned by the API). */
    settingsEncrypted: text('settings_encrypted'),
    /**
     * `settings.aliases` kept in the clear (they are addresses, not secrets): the reply matcher reads
     * every mailbox's of the team at once to tell the team's own mail from a contact's.
     */
    aliases: jsonb('aliases').$type<string[]>(),
    /**
     * The admin who saved the settings while STRIDE_ALLOW_PRIVATE_PROVIDER_HOSTS was on: only then
     * may its hosts be internal addresses. Any settings change by someone else clears it.
     */
    internalHostsApprovedBy: text('internal_hosts_approved_by'),
    status: text('status', { enum: mailboxStatuses }).notNull().default('active'),
    inactiveReason: text('inactive_reason'),
    unsubscribeEnabled: boolean('unsubscribe_enabled').notNull().default(true),
    openTracking: boolean('open_tracking').notNull().default(false),
    /** The owner's zone: ramp-up days begin at its midnight. Null reads as UTC. */
    timezone: text('timezone'),
    /** Warm-up: the daily limit grows from startPerDay on startedOn (local date) by increasePerDay a day. */
    rampUp: jsonb('ramp_up').$type<{ startPerDay: number; increasePerDay: number; startedOn: string }>(),
    minGapSeconds: integer('min_gap_seconds').notNull().default(0),
    recipientDomainDailyLimit: integer('recipient_domain_daily_limit'),
    /**
     * The earliest moment the next send may be claimed: the last claim plus the gap and its jitter. Kept
     * on the row the claim locks, so every worker sees the same jittered moment.
     */
    nextSendAt: ts('next_send_at'),
    /**
     * The retry time last handed to an email waiting for this mailbox: emails that start waiting later
     * queue after it, so a backlog seen over several claim batches keeps its prospect-score order.
     */
    queuedUntil: ts('queued_until'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('mailboxes_team_address').on(t.teamId, sql`lower(${t.address})`)],
);

/**
 * Who besides its owner may send through a mailbox (a team or shared inbox). Admins may assign any
 * mailbox of the team without a share.
 */
export const mailboxShares = pgTable(
  'mailbox_shares',
  {
    mailboxId: text('mailbox_id')
      .notNull()
      .references(() => mailboxes.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.mailboxId, t.userId] }), index('mailbox_shares_user').on(t.userId)],
);

export const sequences = pgTable(
  'sequences',
  {
    id: text('id').primaryKey(),
    teamId: teamRef(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(false),
    /** Archived sequences are off and out of the default list, never deleted: their history stays. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    schedule: jsonb('schedule').notNull(),
    ruleset: jsonb('ruleset').notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    changeSeq: changeSeqColumn(),
  },
  (t) => [index('sequences_team_change').on(t.teamId, t.changeSeq)],
);

export const sequenceShares = pgTable(
  'sequence_shares',
  {
    sequenceId: text('sequence_id')
      .notNull()
      .references(() => sequences.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    access: text('access', { enum: ['view', 'edit'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sequenceId, t.userId] })],
);

export const steps = pgTable(
  'steps',
  {
    id: text('id').primaryKey(),
    sequenceId: text('sequence_id')
      .notNull()
      .references(() => sequences.id, { onDelete: 'cascade' }),
    /** 1-based order inside the sequence. */
    position: integer('position').notNull(),
    type: text('type', { enum: stepTypes }).notNull(),
    waitMinutes: integer('wait_minutes').notNull().default(0),
    subject: text('subject'),
    body: text('body'),
    threadMode: text('thread_mode', { enum: threadModes }).notNull().default('new_thread'),
    active: boolean('active').notNull().default(true),
    /** Rewrite the HTML part's links through /t/c/… (API.md "Engagement"). */
    trackClicks: boolean('track_clicks').notNull().default(true),
    /** Add an open pixel; off by default because machine opens make the number unreliable. */
    trackOpens: boolean('track_opens').notNull().default(false),
    /** A/B variants of an email step; empty means the step's own subject and body. */
    variants: jsonb('variants')
      .$type<{ id: string; subject?: string | null; body: string; weight: number; active: boolean }[]>()
      .notNull()
      .default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('steps_sequence_position').on(t.sequenceId, t.position)],
);

export const snippets = pgTable(
  'snippets',
  {
    id: text('id').primaryKey(),
    teamId: teamRef(),
    ownerId: text('owner_id').references(() => users.id),
    name: text('name').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('snippets_team_name').on(t.teamId, t.name)],
);

export const enrollments = pgTable(
  'enrollments',
  {
    id: text('id').primaryKey(),
    teamId: teamRef(),
    sequenceId: text('sequence_id')
      .notNull()
      .references(() => sequences.id, { onDelete: 'cascade' }),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    /** The user the enrollment sends as (tasks and ownership checks use it). */
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    mailboxIds: jsonb('mailbox_ids').$type<string[]>().notNull().default([]),
    status: text('status', { enum: enrollmentStatuses }).notNull(),
    currentStep: integer('current_step').notNull().default(1),
    nextRunAt: ts('next_run_at'),
    pausedReason: text('paused_reason'),
    resumeAt: ts('resume_at'),
    finishedReason: text('finished_reason'),
    /** When the previous step completed (enrollment time for step 1): waits count from here. */
    stepAnchorAt: ts('step_anchor_at').notNull(),
    /** Copied from the contact at enrollment so the due query can order without a join. */
    prospectScore: integer('prospect_score').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    changeSeq: changeSeqColumn(),
  },
  (t) => [
    uniqueIndex('enrollments_sequence_contact').on(t.sequenceId, t.contactId),
    index('enrollments_contact').on(t.contactId),
    index('enrollments_team_change').on(t.teamId, t.changeSeq),
    index('enrollments_start_due').on(t.stepAnchorAt).where(sql`status = 'scheduled'`),
    index('enrollments_resume_due').on(t.resumeAt).where(sql`status = 'paused' and resume_at is not null`),
  ],
);

export const emails = pgTable(
  'emails',
  {
    id: text('id').primaryKey(),
    teamId: teamRef(),
    enrollmentId: text('enrollment_id').references(() => enrollments.id, { onDelete: 'cascade' }),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    stepId: text('step_id').references(() => steps.id, { onDelete: 'set null' }),
    mailboxId: text('mailbox_id').references(() => mailboxes.id),
    status: text('status', { enum: emailStatuses }).notNull(),
    reason: text('reason'),
    detail: text('detail'),
    waitingFor: text('waiting_for', { enum: waitingForCodes }),
    /** Which limit or calendar rule holds a waiting email (hourly_limit, min_gap, holiday…). */
    waitReason: text('wait_reason'),
    /** The same in words, with the numbers: "ramp-up: 15 a day today (limit 50)". */
    waitDetail: text('wait_detail'),
    /** The slot inside a sending window; lateness is measured against it. */
    scheduledAt: ts('scheduled_at'),
    /** When a worker may next pick it up (slot, capacity wait or retry backoff). */
    dueAt: ts('due_at'),
    subject: text('subject'),
    messageId: text('message_id'),
    threadId: text('thread_id'),
    providerMessageId: text('provider_message_id'),
    inReplyTo: text('in_reply_to'),
    references: jsonb('references').$type<string[]>(),
    /** The rep's own body for a manual email step (task completion); null means render the step's. */
    bodyOverride: text('body_override'),
    attemptId: text('attempt_id'),
    /** When the current attempt took a mailbox slot: hourly/daily caps count claims, not just sends. */
    claimedAt: ts('claimed_at'),
    leaseUntil: ts('lease_until'),
    /**
     * Set just before this attempt's provider call. A `sending` row whose lease expired with this
     * still null never reached a provider, so it can go back to the queue without any risk.
     */
    dispatchedAt: ts('dispatched_at'),
    attempts: integer('attempts').notNull().default(0),
    /** Set by a forced retry: the forceable protections (stage, bounce, unverified, job change) are skipped. */
    forceSend: boolean('force_send').notNull().default(false),
    prospectScore: integer('prospect_score').notNull().default(0),
    /** The A/B variant of the step this email renders (null: the step itself). */
    variantId: text('variant_id'),
    /** Counted human clicks; bot clicks are kept apart so reports never mix them. */
    clicks: integer('clicks').notNull().default(0),
    botClicks: integer('bot_clicks').notNull().default(0),
    firstClickedAt: ts('first_clicked_at'),
    /** Opens of the tracking pixel, machine opens (Apple MPP, image proxies) included. */
    opens: integer('opens').notNull().default(0),
    machineOpens: integer('machine_opens').notNull().default(0),
    sentAt: ts('sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    changeSeq: changeSeqColumn(),
  },
  (t) => [
    uniqueIndex('emails_enrollment_step').on(t.enrollmentId, t.stepId),
    // Slots cluster on window starts; among emails due at the same moment the higher score goes first.
    // The index is in exactly the claim's order, so a batch stops after its LIMIT rows instead of
    // sorting every email due at that moment.
    index('emails_due').on(t.dueAt, sql`${t.prospectScore} desc`).where(sql`status = 'scheduled'`),
    index('emails_lease').on(t.leaseUntil).where(sql`status = 'sending'`),
    index('emails_mailbox_claimed').on(t.mailboxId, t.claimedAt),
    index('emails_contact').on(t.contactId),
    index('emails_message_id').on(t.messageId),
    // No index on thread_id: its one reader (replies' emailsInThreads) also names the contacts and goes
    // by emails_contact. Every update of an email (planned, claimed, dispatched, sent, clicked) changes
    // change_seq and so rewrites an entry in every index here; one fewer is ~1/7 less of that work.
    index('emails_team_change').on(t.teamId, t.changeSeq),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    teamId: teamRef(),
    type: text('type', { enum: taskTypes }).notNull(),
    status: text('status', { enum: taskStatuses }).notNull().default('open'),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    enrollmentId: text('enrollment_id').references(() => enrollments.id, { onDelete: 'cascade' }),
    sequenceId: text('sequence_id').references(() => sequences.id, { onDelete: 'cascade' }),
    stepId: text('step_id').references(() => steps.id, { onDelete: 'set null' }),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    dueAt: ts('due_at').notNull(),
    note: text('note'),
    completedAt: ts('completed_at'),
    /** An open task the owner put off: it leaves the due queue until then and comes back by itself. */
    snoozedUntil: ts('snoozed_until'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    changeSeq: changeSeqColumn(),
  },
  (t) => [
    index('tasks_owner_status').on(t.ownerId, t.status, t.dueAt),
    index('tasks_team_change').on(t.teamId, t.changeSeq),
    uniqueIndex('tasks_enrollment_step').on(t.enrollmentId, t.stepId),
  ],
);

/** Append-only history: survives finish and remove, and records what caused each change. */
export const activities = pgTable(
  'activities',
  {
    id: text('id').primaryKey(),
    teamId: teamRef(),
    kind: text('kind').notNull(),
    contactId: text('contact_id'),
    enrollmentId: text('enrollment_id'),
    emailId: text('email_id'),
    actorId: text('actor_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('activities_contact').on(t.contactId, t.createdAt),
    index('activities_enrollment').on(t.enrollmentId),
    // The report's replied/unsubscribed marks per email (the rollup triggers look them up by email).
    index('activities_email_marks')
      .on(t.emailId, t.contactId)
      .where(sql`kind in ('email.replied', 'contact.unsubscribed')`),
  ],
);

/** Messages reported from the page, so the same message reported twice changes nothing. */
export const observedMessages = pgTable(
  'observed_messages',
  {
    teamId: teamRef(),
    messageKey: text('message_key').notNull(),
    enrollmentId: text('enrollment_id'),
    kind: text('kind').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.messageKey] })],
);

/** Addresses that bounced (team-wide), so bounce protection holds across contacts and sequences. */
export const bouncedAddresses = pgTable(
  'bounced_addresses',
  {
    teamId: teamRef(),
    address: text('address').notNull(),
    detail: text('detail'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.address] })],
);

/**
 * Server-side reading of one mailbox (issue 15): where the last good sync left off, and who holds it.
 * One row per readable mailbox, made on first claim. `cursor` is the provider's own (Gmail historyId,
 * Graph delta links per folder, IMAP UIDVALIDITY/UID per folder); it advances only after the messages
 * it covers are applied, so a crash re-reads rather than skips.
 */
export const mailboxSync = pgTable(
  'mailbox_sync',
  {
    mailboxId: text('mailbox_id')
      .primaryKey()
      .references(() => mailboxes.id, { onDelete: 'cascade' }),
    teamId: teamRef(),
    cursor: jsonb('cursor').$type<Record<string, unknown>>(),
    /** Addresses the provider says the mailbox sends as (Gmail's sendAs, Outlook's proxyAddresses): never a reply, like settings.aliases. */
    aliases: jsonb('aliases').$type<string[]>(),
    lastSyncedAt: ts('last_synced_at'),
    /** What went wrong on the last attempt, in words a person can act on; null once a sync succeeds. */
    lastError: text('last_error'),
    nextSyncAt: ts('next_sync_at').notNull(),
    leaseUntil: ts('lease_until'),
    leaseOwner: text('lease_owner'),
    /**
     * IMAP IDLE is held by one worker per mailbox, on a lease of its own that the holder keeps
     * renewing (sticky); it only asks for a sync, which still takes the lease above.
     */
    idleOwner: text('idle_owner'),
    idleUntil: ts('idle_until'),
    updatedAt: updatedAt(),
  },
  (t) => [index('mailbox_sync_due').on(t.nextSyncAt)],
);

/**
 * Every message a sync has ingested, relevant or not, keyed by mailbox and RFC Message-ID (else the
 * provider's id): re-reading a folder after a crash, an expired cursor or a UIDVALIDITY change parses
 * nothing twice and applies nothing twice.
 */
export const syncedMessages = pgTable(
  'synced_messages',
  {
    mailboxId: text('mailbox_id')
      .notNull()
      .references(() => mailboxes.id, { onDelete: 'cascade' }),
    messageKey: text('message_key').notNull(),
    folder: text('folder'),
    kind: text('kind'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.mailboxId, t.messageKey] })],
);

/**
 * Every hit on a tracking URL with its evidence, human or not: counts on `emails` are derived from
 * these rows, and a later burst can re-label earlier clicks as a scanner's.
 */
export const trackingEvents = pgTable(
  'tracking_events',
  {
    id: text('id').primaryKey(),
    teamId: teamRef(),
    emailId: text('email_id')
      .notNull()
      .references(() => emails.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['click', 'open'] }).notNull(),
    /** Position of the link in the HTML part (clicks only). */
    linkIndex: integer('link_index'),
    url: text('url'),
    method: text('method').notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
    human: boolean('human').notNull(),
    /** Why it is not counted as a person: head, too_soon, burst, scanner_agent, scanner_network, prefetch, image_proxy… */
    reasons: jsonb('reasons').$type<string[]>().notNull().default([]),
    at: ts('at').notNull(),
  },
  (t) => [index('tracking_events_email').on(t.emailId, t.at)],
);

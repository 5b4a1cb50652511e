import { and, eq, inArray, or } from 'drizzle-orm';
import type { EnrollmentWarningCode, EnrollResult } from '../../../shared/schemas/enrollment';
import {
  type EnrollmentSnapshot,
  enrollmentWarnings,
  missingVariablesAtEnrollFor,
} from '../../../shared/send-guard/engine';
import { visibleContacts } from '../../auth/access';
import { inList } from '../../db/bulk';
import type { Db, Tx } from '../../db/client';
import { newId } from '../../db/ids';
import { accounts, contacts, enrollments } from '../../db/schema';
import type { Actor } from '../actor';
import { rulesetOf, type SequenceRow, scheduleOf } from '../sequences/dto';
import { firstEmailContext, loadMailboxQueues, spreadNotices } from './enroll-checks';
import { resolveEnrollMailboxes } from './mailboxes';
import {
  createStepPlanner,
  type EnrollmentRow,
  type PlanContact,
  type PlanEnrollment,
  type StepPlan,
} from './plan-step';
import { reenrollRows } from './reenroll';
import { chunks, loadMailboxDomains, loadSteps, runningStatuses, writePlans } from './schedule-step';
import { type FreshEnrollment, insertFreshEnrollments } from './write-fresh';

export interface EnrollRequest {
  contactIds: readonly string[];
  mailboxIds?: readonly string[] | undefined;
  skipValidation?: boolean | undefined;
  startAt?: Date | undefined;
  /** Decide everything, write nothing. */
  dryRun?: boolean | undefined;
  /**
   * Only enroll again contacts removed from or finished with this sequence (the bulk `reenroll`):
   * each keeps its own mailboxes, and a contact without such an enrollment here is not enrolled.
   */
  againOnly?: boolean | undefined;
}

export interface EnrollOutcome {
  enrollments: EnrollmentRow[];
  warnings: { contactId: string; code: EnrollmentWarningCode }[];
  rejected: { contactId: string; code: string }[];
  missingVariables: { contactId: string; names: string[] }[];
  notices: NonNullable<EnrollResult['notices']>;
  dryRun?: true;
}

type ContactFacts = Awaited<ReturnType<typeof loadContacts>>[number];

/** A contact that passed the checks; `previous` is its removed or finished enrollment here. */
interface Accepted {
  contact: ContactFacts;
  previous: EnrollmentRow | undefined;
  skipped: string[];
}

/** A new enrollment, what its first step is planned from, and the plan once made. */
interface FreshPlanned {
  row: FreshEnrollment;
  enrollment: PlanEnrollment;
  contact: PlanContact;
  plan?: StepPlan | undefined;
}

/**
 * Contacts decided, planned and written per statement. Chunks let the database write one while the
 * next is checked and planned; each statement has a fixed cost (its statement-level triggers), so
 * not too small.
 */
const WRITE_CHUNK = 2500;

async function loadContacts(tx: Tx, user: Actor, ids: readonly string[]) {
  return tx
    .select({
      id: contacts.id,
      email: contacts.email,
      emailStatus: contacts.emailStatus,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      company: contacts.company,
      title: contacts.title,
      personalizedOpener: contacts.personalizedOpener,
      fields: contacts.fields,
      stage: contacts.stage,
      ownerId: contacts.ownerId,
      accountId: contacts.accountId,
      timezone: contacts.timezone,
      country: contacts.country,
      jobChangeDetected: contacts.jobChangeDetected,
      unsubscribedAt: contacts.unsubscribedAt,
      bouncedAt: contacts.bouncedAt,
      prospectScore: contacts.prospectScore,
    })
    .from(contacts)
    .where(and(inList(contacts.id, ids), visibleContacts(user)));
}

async function loadAccountOwners(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: accounts.id, ownerId: accounts.ownerId, stage: accounts.stage, domain: accounts.domain })
    .from(accounts)
    .where(inList(accounts.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The contacts' enrollments here (any status) and their running ones elsewhere, in one pass. */
async function loadEnrollmentsOf(tx: Tx, sequenceId: string, contactIds: readonly string[]) {
  const here = new Map<string, EnrollmentRow>();
  const elsewhere = new Map<string, { sequenceId: string }[]>();
  if (contactIds.length === 0) return { here, elsewhere };
  const rows = await tx
    .select()
    .from(enrollments)
    .where(
      and(
        inList(enrollments.contactId, contactIds),
        or(eq(enrollments.sequenceId, sequenceId), inArray(enrollments.status, [...runningStatuses])),
      ),
    );
  for (const r of rows) {
    if (r.sequenceId === sequenceId) here.set(r.contactId, r);
    else elsewhere.set(r.contactId, [...(elsewhere.get(r.contactId) ?? []), { sequenceId: r.sequenceId }]);
  }
  return { here, elsewhere };
}

function snapshotOf(
  c: ContactFacts,
  account: EnrollmentSnapshot['account'],
  user: Actor,
  sequence: SequenceRow,
  others: { sequenceId: string }[],
  firstEmail: Partial<Pick<EnrollmentSnapshot, 'step' | 'snippets' | 'sender' | 'mailbox'>>,
): EnrollmentSnapshot {
  return {
    ...firstEmail,
    contact: {
      ...c,
      unsubscribed: c.unsubscribedAt !== null,
      bouncedBefore: c.bouncedAt !== null,
      // Warnings never look at the send history; the send guard does, at send time.
      sentCountToAddress: 0,
    },
    account,
    actingUserId: user.id,
    sequence: { id: sequence.id, active: sequence.active, ruleset: rulesetOf(sequence) },
    activeEnrollments: others,
  };
}

const planContact = (c: ContactFacts): PlanContact => ({
  id: c.id,
  timezone: c.timezone,
  ownerId: c.ownerId,
  prospectScore: c.prospectScore,
});

/**
 * Enrolls many contacts in one transaction with a fixed number of queries per 1,000 contacts.
 * Each contact is either enrolled (fresh, or resumed where it left off if it was removed or
 * finished here), or rejected with a code: not_found (not visible), already_in_sequence,
 * sequence_completed (went through every step already), or its first warning when validation
 * is not skipped. Mailboxes rotate per contact: each enrollment stores the pool starting at its
 * own mailbox, which all its emails use.
 */
export async function enrollContacts(
  db: Db,
  user: Actor,
  sequence: SequenceRow,
  req: EnrollRequest,
  now: Date,
): Promise<EnrollOutcome> {
  const pool = req.againOnly ? [] : await resolveEnrollMailboxes(db, user, req.mailboxIds);
  const start = req.startAt && req.startAt > now ? req.startAt : now;
  const status = start > now ? ('scheduled' as const) : ('active' as const);
  const ids = [...new Set(req.contactIds)];

  return db.transaction(async (tx) => {
    // The reads go out together: postgres.js pipelines them on the transaction's connection, so the
    // database runs one while the previous one's rows are decoded here.
    const [stepRows, contactRows, enrolled] = await Promise.all([
      loadSteps(tx, sequence.id),
      loadContacts(tx, user, ids),
      // Enrollments of every contact asked for; those of a contact the user cannot see are never looked at.
      loadEnrollmentsOf(tx, sequence.id, ids),
    ]);
    const lastPosition = stepRows.reduce((max, s) => Math.max(max, s.position), 0);
    const found = new Map(contactRows.map((c) => [c.id, c]));
    const { here, elsewhere } = enrolled;
    const [accountsById, firstEmail, queues, mailboxDomains] = await Promise.all([
      loadAccountOwners(
        tx,
        contactRows.flatMap((c) => (c.accountId ? [c.accountId] : [])),
      ),
      firstEmailContext(tx, user, stepRows, pool),
      // Before anything is written: the new first emails must not count as already queued.
      loadMailboxQueues(tx, stepRows, pool),
      loadMailboxDomains(tx, pool),
    ]);
    // Every contact here gets the same first email: its templates are read once, not per contact.
    const missingVariables = missingVariablesAtEnrollFor(firstEmail);
    // Step one of a new enrollment: no earlier email to reply to, so planning needs only the
    // schedule, the steps and the pool's domains (as planSteps would load them).
    const plan = createStepPlanner({
      schedule: scheduleOf(sequence),
      steps: stepRows,
      mailboxDomains,
      previous: new Map(),
      now,
    });

    const out: EnrollOutcome = {
      enrollments: [],
      warnings: [],
      rejected: [],
      missingVariables: [],
      notices: [],
    };
    /** The checks of one contact: rejected (with its code) or accepted, its warnings recorded either way. */
    const decide = (id: string): Accepted | undefined => {
      const c = found.get(id);
      if (!c) {
        out.rejected.push({ contactId: id, code: 'not_found' });
        return undefined;
      }
      const previous = here.get(id);
      if (!previous && req.againOnly) {
        out.rejected.push({ contactId: id, code: 'not_found' });
        return undefined;
      }
      if (previous && previous.status !== 'removed' && previous.status !== 'finished') {
        out.rejected.push({ contactId: id, code: 'already_in_sequence' });
        return undefined;
      }
      if (previous && lastPosition > 0 && previous.currentStep > lastPosition) {
        out.rejected.push({ contactId: id, code: 'sequence_completed' });
        return undefined;
      }
      const account = c.accountId ? (accountsById.get(c.accountId) ?? null) : null;
      const warnings = enrollmentWarnings(
        snapshotOf(c, account, user, sequence, elsewhere.get(id) ?? [], firstEmail),
        { missingVariables },
      );
      for (const w of warnings) {
        out.warnings.push({ contactId: id, code: w.code });
        if (w.code === 'missing_dynamic_variable' && w.detail)
          out.missingVariables.push({ contactId: id, names: w.detail.split(', ') });
      }
      const first = warnings[0];
      if (first && !req.skipValidation) {
        out.rejected.push({ contactId: id, code: first.code });
        return undefined;
      }
      return { contact: c, previous, skipped: warnings.map((w) => w.code) };
    };
    const freshOf = (a: Accepted, k: number): FreshPlanned => {
      const row: FreshEnrollment = {
        id: newId('enr', now.getTime()),
        contactId: a.contact.id,
        mailboxIds: mailboxIdsOf(k),
        prospectScore: a.contact.prospectScore,
        acceptedWarnings: a.skipped,
      };
      const enrollment: PlanEnrollment = {
        id: row.id,
        teamId: user.teamId,
        sequenceId: sequence.id,
        contactId: row.contactId,
        userId: user.id,
        mailboxIds: row.mailboxIds,
        currentStep: 1,
        stepAnchorAt: start,
      };
      return { row, enrollment, contact: planContact(a.contact) };
    };
    const mailboxesFor = (k: number) => [...pool.slice(k % pool.length), ...pool.slice(0, k % pool.length)];
    const mailboxIdsOf = (k: number) => (pool.length > 0 ? mailboxesFor(k) : []);
    const adding = new Map<string, number>();
    const again: { a: Accepted; k: number; previous: EnrollmentRow }[] = [];
    const shared = {
      teamId: user.teamId,
      sequenceId: sequence.id,
      userId: user.id,
      status,
      stepAnchorAt: start,
      now,
    };
    // Fresh enrollments are written a chunk at a time as soon as a chunk is decided and planned: the
    // statement of one chunk runs in the database while the next is checked and planned here.
    const writes: Promise<{ fresh: FreshPlanned[]; written: EnrollmentRow[] }>[] = [];
    let k = 0;
    for (const part of chunks(ids, WRITE_CHUNK)) {
      const fresh: FreshPlanned[] = [];
      for (const id of part) {
        const a = decide(id);
        if (!a) continue;
        const first = pool[k % pool.length];
        if (first) adding.set(first, (adding.get(first) ?? 0) + 1);
        if (a.previous) again.push({ a, k, previous: a.previous });
        else fresh.push(freshOf(a, k));
        k++;
      }
      if (!req.dryRun && fresh.length > 0) {
        const plans = fresh.map((f) => plan(f.enrollment, f.contact));
        writes.push(
          insertFreshEnrollments(
            tx,
            shared,
            fresh.map((f) => f.row),
            plans,
          ).then((written) => ({ fresh: fresh.map((f, i) => ({ ...f, plan: plans[i] })), written })),
        );
        // Awaited below with the others; until then a failure must not count as unhandled.
        writes.at(-1)?.catch(() => {});
        // postgres.js sends a query from a setImmediate; yielding past it puts this chunk on the wire
        // before the next one is worked out.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
    out.notices = spreadNotices(queues, sequence, adding, now);
    if (req.dryRun) return { ...out, dryRun: true as const };

    for (const { fresh, written } of await Promise.all(writes)) {
      out.enrollments.push(...written);
      const inserted = new Set(written.map((e) => e.id));
      // A concurrent request enrolled some of them first: theirs stands, these are duplicates.
      for (const f of fresh)
        if (!inserted.has(f.row.id))
          out.rejected.push({ contactId: f.row.contactId, code: 'already_in_sequence' });
      // Email plans went in with their enrollments; a first step that is a task is written here.
      await writePlans(
        tx,
        fresh.flatMap((f) => (f.plan?.kind === 'task' && inserted.has(f.row.id) ? [f.plan] : [])),
        now,
      );
    }

    // Removed or finished before: the same row carries on from its step (the seeds' "remembers progress").
    if (again.length > 0) {
      out.enrollments.push(
        ...(await reenrollRows(
          tx,
          sequence,
          stepRows,
          again.map(({ a, k, previous }) => ({
            previous,
            contact: planContact(a.contact),
            // Each contact keeps its own rotation slot; without a pool it keeps the mailboxes it had.
            mailboxIds: pool.length > 0 ? mailboxesFor(k) : previous.mailboxIds,
            acceptedWarnings: a.skipped,
          })),
          { userId: user.id, startAt: req.startAt, now },
        )),
      );
    }

    const order = new Map(ids.map((id, i) => [id, i]));
    out.enrollments.sort((x, y) => (order.get(x.contactId) ?? 0) - (order.get(y.contactId) ?? 0));
    return out;
  });
}

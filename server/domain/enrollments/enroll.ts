import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { ActivityKind } from '../../../shared/enums';
import type { EnrollmentWarningCode, EnrollResult } from '../../../shared/schemas/enrollment';
import { type EnrollmentSnapshot, enrollmentWarnings } from '../../../shared/send-guard/engine';
import { visibleContacts } from '../../auth/access';
import { inList, insertRows } from '../../db/bulk';
import type { Db, Tx } from '../../db/client';
import { newId } from '../../db/ids';
import { accounts, contacts, enrollments } from '../../db/schema';
import { type ActivityInput, recordActivity } from '../activity';
import type { Actor } from '../actor';
import { rulesetOf, type SequenceRow, type StepRow } from '../sequences/dto';
import { firstEmailContext, spreadNotices } from './enroll-checks';
import { resolveEnrollMailboxes } from './mailboxes';
import type { EnrollmentRow, PlanContact } from './plan-step';
import { chunks, loadSteps, planSteps, runningStatuses, scheduleSteps, writePlans } from './schedule-step';

export interface EnrollRequest {
  contactIds: readonly string[];
  mailboxIds?: readonly string[] | undefined;
  skipValidation?: boolean | undefined;
  startAt?: Date | undefined;
  /** Decide everything, write nothing. */
  dryRun?: boolean | undefined;
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
  const pool = await resolveEnrollMailboxes(db, user, req.mailboxIds);
  const start = req.startAt && req.startAt > now ? req.startAt : now;
  const status = start > now ? ('scheduled' as const) : ('active' as const);
  const ids = [...new Set(req.contactIds)];

  return db.transaction(async (tx) => {
    const stepRows: StepRow[] = await loadSteps(tx, sequence.id);
    const lastPosition = stepRows.reduce((max, s) => Math.max(max, s.position), 0);
    const found = new Map((await loadContacts(tx, user, ids)).map((c) => [c.id, c]));
    const accountsById = await loadAccountOwners(
      tx,
      [...found.values()].flatMap((c) => (c.accountId ? [c.accountId] : [])),
    );
    const { here, elsewhere } = await loadEnrollmentsOf(tx, sequence.id, [...found.keys()]);
    const firstEmail = await firstEmailContext(tx, user, stepRows, pool);

    const out: EnrollOutcome = {
      enrollments: [],
      warnings: [],
      rejected: [],
      missingVariables: [],
      notices: [],
    };
    const accepted: { contact: ContactFacts; previous: EnrollmentRow | undefined; skipped: string[] }[] = [];
    for (const id of ids) {
      const c = found.get(id);
      if (!c) {
        out.rejected.push({ contactId: id, code: 'not_found' });
        continue;
      }
      const previous = here.get(id);
      if (previous && previous.status !== 'removed' && previous.status !== 'finished') {
        out.rejected.push({ contactId: id, code: 'already_in_sequence' });
        continue;
      }
      if (previous && lastPosition > 0 && previous.currentStep > lastPosition) {
        out.rejected.push({ contactId: id, code: 'sequence_completed' });
        continue;
      }
      const account = c.accountId ? (accountsById.get(c.accountId) ?? null) : null;
      const warnings = enrollmentWarnings(
        snapshotOf(c, account, user, sequence, elsewhere.get(id) ?? [], firstEmail),
      );
      for (const w of warnings) {
        out.warnings.push({ contactId: id, code: w.code });
        if (w.code === 'missing_dynamic_variable' && w.detail)
          out.missingVariables.push({ contactId: id, names: w.detail.split(', ') });
      }
      const first = warnings[0];
      if (first && !req.skipValidation) {
        out.rejected.push({ contactId: id, code: first.code });
        continue;
      }
      accepted.push({ contact: c, previous, skipped: warnings.map((w) => w.code) });
    }

    const mailboxesFor = (k: number) => [...pool.slice(k % pool.length), ...pool.slice(0, k % pool.length)];
    // Counted before anything is written: the new first emails must not count as already queued.
    const adding = new Map<string, number>();
    accepted.forEach((_a, k) => {
      const first = pool[k % pool.length];
      if (first) adding.set(first, (adding.get(first) ?? 0) + 1);
    });
    out.notices = await spreadNotices(tx, sequence, stepRows, adding, now);
    if (req.dryRun) return { ...out, dryRun: true as const };

    const activity: ActivityInput[] = [];
    const noteActivity = (e: EnrollmentRow, kind: ActivityKind, skipped: string[]) =>
      activity.push({
        teamId: e.teamId,
        kind,
        contactId: e.contactId,
        enrollmentId: e.id,
        actorId: user.id,
        at: now,
        data: {
          sequenceId: e.sequenceId,
          currentStep: e.currentStep,
          mailboxIds: e.mailboxIds,
          ...(skipped.length > 0 && { acceptedWarnings: skipped }),
        },
      });

    // Fresh enrollments: plan step one first, so each row is inserted with its next_run_at.
    const fresh = accepted.flatMap((a, k) => {
      if (a.previous) return [];
      const enrollment: EnrollmentRow = {
        id: newId('enr', now.getTime()),
        teamId: user.teamId,
        sequenceId: sequence.id,
        contactId: a.contact.id,
        userId: user.id,
        mailboxIds: pool.length > 0 ? mailboxesFor(k) : [],
        status,
        currentStep: 1,
        nextRunAt: null,
        pausedReason: null,
        resumeAt: null,
        finishedReason: null,
        stepAnchorAt: start,
        prospectScore: a.contact.prospectScore,
        createdAt: now,
        updatedAt: now,
        changeSeq: 0,
      };
      return [{ enrollment, contact: planContact(a.contact), skipped: a.skipped }];
    });
    const plans = await planSteps(tx, sequence, stepRows, fresh, now);
    const rows = fresh.map((f, i) => {
      const { changeSeq: _seq, ...row } = f.enrollment;
      const plan = plans[i];
      return { ...row, nextRunAt: plan && plan.kind !== 'held' ? plan.dueAt : null };
    });
    const inserted = new Set(
      (
        await insertRows(tx, enrollments, rows, {
          onConflict: sql`on conflict do nothing`,
          returning: ['id'],
        })
      ).map((r) => String(r.id)),
    );
    for (const r of rows) if (inserted.has(r.id)) out.enrollments.push({ ...r, changeSeq: 0 });
    // A concurrent request enrolled some of them first: theirs stands, these are duplicates.
    for (const f of fresh) {
      if (inserted.has(f.enrollment.id)) noteActivity(f.enrollment, 'enrollment.created', f.skipped);
      else out.rejected.push({ contactId: f.contact.id, code: 'already_in_sequence' });
    }
    await writePlans(
      tx,
      plans.filter((p) => inserted.has(p.enrollmentId)),
      now,
    );

    // Removed or finished before: the same row carries on from its step (the seeds' "remembers progress").
    const again = accepted.flatMap((a, k) => (a.previous ? [{ a, k, previous: a.previous }] : []));
    for (const part of chunks(again)) {
      // Each contact keeps its own rotation slot, so the pool is set per row in one statement.
      const pools = sql.join(
        part.map(
          ({ k, previous }) =>
            sql`when ${previous.id} then ${JSON.stringify(pool.length > 0 ? mailboxesFor(k) : previous.mailboxIds)}::jsonb`,
        ),
        sql` `,
      );
      const anchored = req.startAt !== undefined && req.startAt > now;
      const rows = await tx
        .update(enrollments)
        .set({
          status: anchored
            ? status
            : sql`case when ${enrollments.stepAnchorAt} > ${now.toISOString()}::timestamptz then 'scheduled' else 'active' end`,
          ...(anchored && { stepAnchorAt: start }),
          userId: user.id,
          mailboxIds: sql`case ${enrollments.id} ${pools} end`,
          finishedReason: null,
          pausedReason: null,
          resumeAt: null,
          updatedAt: now,
        })
        .where(
          and(
            inArray(
              enrollments.id,
              part.map((x) => x.previous.id),
            ),
            inArray(enrollments.status, ['removed', 'finished']),
          ),
        )
        .returning();
      const byId = new Map(rows.map((r) => [r.id, r]));
      const targets = part.flatMap(({ a, previous }) => {
        const e = byId.get(previous.id);
        return e ? [{ enrollment: e, contact: planContact(a.contact), skipped: a.skipped }] : [];
      });
      await scheduleSteps(tx, sequence, stepRows, targets, now);
      for (const t of targets) noteActivity(t.enrollment, 'enrollment.reenrolled', t.skipped);
    }
    if (again.length > 0) {
      const againIds = again.map((x) => x.previous.id);
      for (const part of chunks(againIds)) {
        out.enrollments.push(...(await tx.select().from(enrollments).where(inArray(enrollments.id, part))));
      }
    }
    await recordActivity(tx, activity);

    const order = new Map(ids.map((id, i) => [id, i]));
    out.enrollments.sort((x, y) => (order.get(x.contactId) ?? 0) - (order.get(y.contactId) ?? 0));
    return out;
  });
}

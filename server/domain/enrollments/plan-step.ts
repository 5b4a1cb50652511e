import { randomUUID } from 'node:crypto';
import { calendarForSchedule } from '../../../shared/schedule/day-calendar';
import { nextSendTime, resolveScheduleZone } from '../../../shared/schedule/next-send-time';
import type { Schedule } from '../../../shared/schemas/schedule';
import { pickVariant } from '../../../shared/variants/pick-variant';
import { newId } from '../../db/ids';
import type { emails, enrollments, tasks } from '../../db/schema';
import { replySubject } from '../emails/reply-subject';
import type { StepRow } from '../sequences/dto';

export type EnrollmentRow = typeof enrollments.$inferSelect;
export type EmailInsert = typeof emails.$inferInsert;
export type TaskInsert = typeof tasks.$inferInsert;

/** The part of an enrollment that scheduling reads. */
export type PlanEnrollment = Pick<
  EnrollmentRow,
  'id' | 'teamId' | 'sequenceId' | 'contactId' | 'userId' | 'mailboxIds' | 'currentStep' | 'stepAnchorAt'
>;

export interface PlanContact {
  id: string;
  timezone: string | null;
  ownerId: string | null;
  prospectScore: number;
}

/** The email a reply_previous step answers: the latest earlier email of the same enrollment. */
export interface PreviousEmail {
  messageId: string | null;
  threadId: string | null;
  subject: string | null;
  references: string[] | null;
  mailboxId: string | null;
}

export type StepPlan =
  | { kind: 'held'; enrollmentId: string; why: 'no_step' | 'step_inactive' }
  | { kind: 'email'; enrollmentId: string; dueAt: Date; row: EmailInsert }
  | { kind: 'task'; enrollmentId: string; dueAt: Date; row: TaskInsert };

export interface PlanContext {
  schedule: Schedule;
  /** The sequence's steps; looked up by position. */
  steps: readonly StepRow[];
  /** Mailbox id → domain of its address, for Message-IDs. */
  mailboxDomains: ReadonlyMap<string, string>;
  /** Enrollment id → the email a reply_previous step answers. */
  previous: ReadonlyMap<string, PreviousEmail>;
  now: Date;
}

const MINUTE_MS = 60_000;

/** Fixed when the row is created, so every attempt (and any reconciliation) uses the same id. */
export function newMessageId(domain: string | undefined): string {
  return `<${randomUUID()}@${domain ?? 'stride.local'}>`;
}

/** Threading fields for an email of `step`, answering `previous` when the step replies. */
export function threadFields(
  step: Pick<StepRow, 'threadMode' | 'subject'>,
  previous: PreviousEmail | undefined,
  ownSubject: string | null,
): Pick<EmailInsert, 'subject' | 'threadId' | 'inReplyTo' | 'references'> & { mailboxId?: string | null } {
  if (step.threadMode !== 'reply_previous' || !previous?.messageId) {
    // Without the earlier message the send guard holds the row as missing_thread_info.
    return { subject: ownSubject, threadId: null, inReplyTo: null, references: null };
  }
  return {
    subject: previous.subject == null ? null : replySubject(previous.subject),
    threadId: previous.threadId,
    inReplyTo: previous.messageId,
    references: [...(previous.references ?? []), previous.messageId],
    // A follow-up in the same thread must come from the mailbox that started it.
    mailboxId: previous.mailboxId,
  };
}

/**
 * Plans the current step of many enrollments without touching the database. Window maths is cached
 * by (zone, start), since a bulk enrollment shares one start and a handful of zones.
 */
export function createStepPlanner(ctx: PlanContext) {
  const byPosition = new Map(ctx.steps.map((s) => [s.position, s]));
  const slots = new Map<string, Date>();
  // Holidays and blackout dates send nothing: a slot never lands on one.
  const skip = calendarForSchedule(ctx.schedule)?.skip;
  const slotFor = (zone: string, from: Date): Date => {
    const key = `${zone}|${from.getTime()}`;
    let at = slots.get(key);
    if (!at) {
      at = nextSendTime(ctx.schedule, zone, from, 0, skip);
      slots.set(key, at);
    }
    return at;
  };

  return (e: PlanEnrollment, contact: PlanContact): StepPlan => {
    const step = byPosition.get(e.currentStep);
    if (!step) return { kind: 'held', enrollmentId: e.id, why: 'no_step' };
    // An inactive step holds the enrollment where it is; activating the step schedules it then.
    if (!step.active) return { kind: 'held', enrollmentId: e.id, why: 'step_inactive' };
    const waitEnds = new Date(e.stepAnchorAt.getTime() + step.waitMinutes * MINUTE_MS);
    // A step whose wait ended while it was held goes at the next opening from now, never in the past.
    const from = waitEnds > ctx.now ? waitEnds : ctx.now;
    const now = ctx.now;
    if (step.type !== 'auto_email') {
      return {
        kind: 'task',
        enrollmentId: e.id,
        dueAt: from,
        row: {
          id: newId('task', now.getTime()),
          teamId: e.teamId,
          type: step.type,
          status: 'open',
          contactId: e.contactId,
          enrollmentId: e.id,
          sequenceId: e.sequenceId,
          stepId: step.id,
          // Ownership may change mid-sequence: each new task goes to whoever owns the contact now.
          ownerId: contact.ownerId ?? e.userId,
          dueAt: from,
          createdAt: now,
          updatedAt: now,
        },
      };
    }
    const slot = slotFor(resolveScheduleZone(ctx.schedule, contact.timezone), from);
    const waitingFor = slot > from ? 'window' : waitEnds > now ? 'wait' : null;
    // The enrollment's A/B variant is fixed here, with the email row, so what the console shows as
    // planned, what the send guard checks and what goes out are one text.
    const variant = pickVariant(step.variants, e.id, step.id);
    const threading = threadFields(step, ctx.previous.get(e.id), variant?.subject ?? step.subject);
    const mailboxId = threading.mailboxId ?? e.mailboxIds[0] ?? null;
    return {
      kind: 'email',
      enrollmentId: e.id,
      dueAt: slot,
      row: {
        id: newId('eml', now.getTime()),
        teamId: e.teamId,
        enrollmentId: e.id,
        contactId: e.contactId,
        stepId: step.id,
        mailboxId,
        status: 'scheduled',
        waitingFor,
        scheduledAt: slot,
        dueAt: slot,
        subject: threading.subject,
        variantId: variant?.id ?? null,
        threadId: threading.threadId,
        inReplyTo: threading.inReplyTo,
        references: threading.references,
        messageId: newMessageId(mailboxId ? ctx.mailboxDomains.get(mailboxId) : undefined),
        prospectScore: contact.prospectScore,
        createdAt: now,
        updatedAt: now,
      },
    };
  };
}

import type { EnrollmentStatus } from '../../../shared/enums';
import type { Ruleset } from '../../../shared/schemas/ruleset';
import type { Schedule } from '../../../shared/schemas/schedule';
import type { Sequence, Step } from '../../../shared/schemas/sequence';
import type { SequenceAccess } from '../../auth/access';
import type { sequences, steps } from '../../db/schema';

export type SequenceRow = typeof sequences.$inferSelect;
export type StepRow = typeof steps.$inferSelect;
export type EnrollmentCounts = Record<EnrollmentStatus, number>;

/** jsonb columns come back untyped; they were validated by the same schemas before being stored. */
export const scheduleOf = (s: Pick<SequenceRow, 'schedule'>): Schedule => s.schedule as Schedule;
export const rulesetOf = (s: Pick<SequenceRow, 'ruleset'>): Ruleset => (s.ruleset ?? {}) as Ruleset;

export function toStepDto(s: StepRow): Step {
  return {
    id: s.id,
    position: s.position,
    type: s.type,
    waitMinutes: s.waitMinutes,
    subject: s.subject,
    body: s.body,
    threadMode: s.threadMode,
    active: s.active,
    trackClicks: s.trackClicks,
    trackOpens: s.trackOpens,
    variants: (s.variants ?? []).map((v) => ({
      id: v.id,
      subject: v.subject ?? null,
      body: v.body,
      weight: v.weight,
      active: v.active,
    })),
  };
}

export function toSequenceDto(seq: SequenceRow, stepRows: StepRow[], access: SequenceAccess): Sequence {
  return {
    id: seq.id,
    name: seq.name,
    ownerId: seq.ownerId,
    active: seq.active,
    ...(seq.archivedAt && { archivedAt: seq.archivedAt.toISOString() }),
    schedule: scheduleOf(seq),
    ruleset: rulesetOf(seq),
    steps: [...stepRows].sort((a, b) => a.position - b.position).map(toStepDto),
    access,
    createdAt: seq.createdAt.toISOString(),
    updatedAt: seq.updatedAt.toISOString(),
  };
}

export function emptyCounts(): EnrollmentCounts {
  return { active: 0, scheduled: 0, paused: 0, finished: 0, bounced: 0, not_sent: 0, removed: 0 };
}

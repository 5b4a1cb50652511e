import type { Ruleset } from '../../../../shared/schemas/ruleset';
import { type Schedule, scheduleSchema } from '../../../../shared/schemas/schedule';
import type { StepType } from '../../../../shared/schemas/sequence';
import {
  EMPTY_EMAIL_STEP_MESSAGE,
  isBlankEmail,
  isBlankText,
  needsContentToRun,
} from '../../../../shared/template/blank';
import { type TemplateProblem, validateTemplate } from '../../../../shared/template/validate';
import type { SequenceView } from '../api-schemas';

export interface StepDraft {
  /** Stable React key; a saved step's id, or a local one until the server assigns an id. */
  key: string;
  id?: string;
  type: StepType;
  waitMinutes: number;
  subject: string;
  body: string;
  threadMode: 'new_thread' | 'reply_previous';
  active: boolean;
  /** A/B versions of an email step; empty when the step sends its own text to everyone. */
  variants?: VariantDraft[];
}

export interface VariantDraft {
  key: string;
  id?: string;
  /** Empty means the step's subject. */
  subject: string;
  body: string;
  weight: number;
  /** false: paused, it takes no new contacts (how a person picks the winner). */
  active: boolean;
}

export interface SequenceDraft {
  name: string;
  schedule: Schedule;
  ruleset: Ruleset;
  steps: StepDraft[];
}

export const STEP_TYPES: Array<{ value: StepType; label: string }> = [
  { value: 'auto_email', label: 'Automatic email' },
  { value: 'manual_email', label: 'Manual email' },
  { value: 'call', label: 'Phone call' },
  { value: 'linkedin', label: 'LinkedIn task' },
  { value: 'task', label: 'Action item' },
];

/** The server's limit on a step's wait (shared/schemas/sequence.ts). */
export const MAX_WAIT_MINUTES = 366 * 24 * 60;

export const isEmailStep = (type: StepType) => type === 'auto_email' || type === 'manual_email';

export function draftOf(seq: SequenceView): SequenceDraft {
  return {
    name: seq.name,
    schedule: seq.schedule,
    ruleset: seq.ruleset,
    steps: seq.steps.map((s) => ({
      key: s.id,
      id: s.id,
      type: s.type,
      waitMinutes: s.waitMinutes,
      subject: s.subject ?? '',
      body: s.body ?? '',
      threadMode: s.threadMode,
      active: s.active,
      ...(s.variants?.length && {
        variants: s.variants.map((v) => ({
          key: v.id,
          id: v.id,
          subject: v.subject ?? '',
          body: v.body,
          weight: v.weight,
          active: v.active,
        })),
      }),
    })),
  };
}

let variantKeys = 0;
/** A new version; the first one added copies the step's text, so the test starts from what exists. */
export function newVariant(from?: { subject: string; body: string }): VariantDraft {
  return {
    key: `var-${++variantKeys}`,
    subject: from?.subject ?? '',
    body: from?.body ?? '',
    weight: 1,
    active: true,
  };
}

/** Letters in the order the step lists its versions, as the report names them. */
export const variantLabel = (i: number) => `Variant ${String.fromCharCode(65 + i)}`;

let localKeys = 0;
export function newStep(previous: readonly StepDraft[]): StepDraft {
  const first = previous.length === 0;
  return {
    key: `new-${++localKeys}`,
    type: 'auto_email',
    // Follow-ups default to three days apart, as most sequences space them.
    waitMinutes: first ? 0 : 3 * 24 * 60,
    subject: '',
    body: '',
    threadMode: previous.some((s) => isEmailStep(s.type)) ? 'reply_previous' : 'new_thread',
    active: true,
  };
}

/** PATCH /api/sequences/:id body: steps keep their ids, so enrolled contacts keep their place. */
export function patchOf(draft: SequenceDraft) {
  return {
    name: draft.name.trim(),
    schedule: draft.schedule,
    ruleset: draft.ruleset,
    steps: draft.steps.map((s) => {
      const email = isEmailStep(s.type);
      return {
        ...(s.id ? { id: s.id } : {}),
        type: s.type,
        waitMinutes: s.waitMinutes,
        subject: email ? s.subject : null,
        // Calls and tasks keep their instructions in `body`.
        body: s.body || null,
        threadMode: email ? s.threadMode : 'new_thread',
        active: s.active,
        // Sent only once the step has (or had) versions, so an edit elsewhere never touches them.
        ...(s.variants !== undefined && {
          variants: email
            ? s.variants.map((v) => ({
                ...(v.id ? { id: v.id } : {}),
                subject: v.subject || null,
                body: v.body,
                weight: v.weight,
                active: v.active,
              }))
            : [],
        }),
      };
    }),
  };
}

export function isDirty(draft: SequenceDraft, saved: SequenceView): boolean {
  return JSON.stringify(patchOf(draft)) !== JSON.stringify(patchOf(draftOf(saved)));
}

export interface StepIssues {
  subject: TemplateProblem[];
  body: TemplateProblem[];
  thread?: string;
  /** Per variant, in the step's order. */
  variants?: Array<{ subject: TemplateProblem[]; body: TemplateProblem[]; weight?: string }>;
}

/**
 * What the server would refuse in this step, found while typing (the same shared validator). An
 * unknown snippet is not among them: the server lets a step name a snippet that does not exist yet,
 * and the live preview reports it as the `missing_snippet` it would cause.
 */
export function stepIssues(steps: readonly StepDraft[], index: number): StepIssues {
  const step = steps[index];
  if (!step) return { subject: [], body: [] };
  const email = isEmailStep(step.type);
  const issues: StepIssues = {
    subject: email ? validateTemplate(step.subject) : [],
    body: validateTemplate(step.body),
  };
  if (
    email &&
    step.threadMode === 'reply_previous' &&
    !steps.slice(0, index).some((s) => isEmailStep(s.type))
  ) {
    issues.thread = 'There is no earlier email to reply to: start a new thread.';
  }
  // The server's activation check (shared/template/blank.ts): an empty automatic email never runs.
  if (step.active && needsContentToRun(step.type) && isBlankEmail(step.subject, step.body)) {
    issues.body = [...issues.body, { index: 0, message: EMPTY_EMAIL_STEP_MESSAGE }];
  }
  if (step.type === 'auto_email' && !step.subject.trim() && step.threadMode === 'new_thread') {
    issues.subject = [
      ...issues.subject,
      { index: 0, message: 'An email that starts a thread needs a subject.' },
    ];
  }
  if (email && step.variants && step.variants.length > 0) {
    // The server's checks (server/domain/sequences/validate-steps.ts), found while typing.
    issues.variants = step.variants.map((v) => ({
      subject: validateTemplate(v.subject),
      body: [
        ...validateTemplate(v.body),
        ...(isBlankText(v.body)
          ? [{ index: 0, message: 'This version has no body: write one or remove it.' }]
          : []),
      ],
      ...(!(v.weight > 0) && { weight: 'A weight must be a number above 0.' }),
    }));
  }
  return issues;
}

export function countIssues(issues: StepIssues): number {
  const inVariants = (issues.variants ?? []).reduce(
    (n, v) => n + v.subject.length + v.body.length + (v.weight ? 1 : 0),
    0,
  );
  return issues.subject.length + issues.body.length + (issues.thread ? 1 : 0) + inVariants;
}

/** Problems that block saving the whole draft, in words. */
export function draftProblems(draft: SequenceDraft): string[] {
  const out: string[] = [];
  if (!draft.name.trim()) out.push('Give the sequence a name.');
  draft.steps.forEach((step, i) => {
    if (step.waitMinutes > MAX_WAIT_MINUTES) out.push(`Step ${i + 1} waits longer than a year.`);
    const n = countIssues(stepIssues(draft.steps, i));
    if (n > 0) out.push(`Step ${i + 1} has ${n === 1 ? 'a problem' : `${n} problems`} to fix.`);
  });
  const schedule = scheduleSchema.safeParse(draft.schedule);
  if (!schedule.success) out.push('The sending schedule has a problem to fix.');
  return out;
}

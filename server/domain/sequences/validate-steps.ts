import type { z } from 'zod';
import type { stepInputSchema } from '../../../shared/schemas/sequence';
import {
  EMPTY_EMAIL_STEP_MESSAGE,
  isBlankEmail,
  isBlankText,
  needsContentToRun,
} from '../../../shared/template/blank';
import { validateTemplate } from '../../../shared/template/validate';
import { invalid } from '../errors';
import type { TemplateField } from '../snippets/expansion-check';

export type StepInput = z.infer<typeof stepInputSchema>;

interface StepProblem {
  path: string;
  message: string;
  /** Offset inside the template, for editors that highlight the spot. */
  index?: number;
}

const isEmailStep = (type: StepInput['type']) => type === 'auto_email' || type === 'manual_email';

/**
 * Checks a whole step list before it is stored. Templates are checked for shape only: snippets are
 * not resolved here, because a rep may write the step before the snippet exists (the send guard
 * holds the email with `missing_snippet` if it still does not exist at send time).
 */
export function stepProblems(
  list: readonly StepInput[],
  pathPrefix = 'steps',
  firstIndex = 0,
): StepProblem[] {
  const problems: StepProblem[] = [];
  let emailSeen = false;
  list.forEach((step, i) => {
    const at = `${pathPrefix}.${firstIndex + i}`;
    for (const field of ['subject', 'body'] as const) {
      const text = step[field];
      if (typeof text !== 'string') continue;
      for (const p of validateTemplate(text)) {
        problems.push({ path: `${at}.${field}`, message: p.message, index: p.index });
      }
    }
    problems.push(...variantProblems(step, at));
    if (step.threadMode === 'reply_previous') {
      // A reply needs an earlier email in the same enrollment to answer, or it could never be sent.
      if (!isEmailStep(step.type)) {
        problems.push({
          path: `${at}.threadMode`,
          message: 'only email steps can reply to a previous email',
        });
      } else if (!emailSeen) {
        problems.push({ path: `${at}.threadMode`, message: 'there is no earlier email step to reply to' });
      }
    }
    if (isEmailStep(step.type)) emailSeen = true;
  });
  return problems;
}

/**
 * A/B variants: only on email steps, ids unique, weights positive, templates well formed (the same
 * caps as the step's own fields come from the schema), and none without a body, since a contact
 * given that variant would get an empty email.
 */
function variantProblems(step: StepInput, at: string): StepProblem[] {
  const variants = step.variants ?? [];
  if (variants.length === 0) return [];
  if (!isEmailStep(step.type)) {
    return [{ path: `${at}.variants`, message: 'only email steps can have A/B variants' }];
  }
  const problems: StepProblem[] = [];
  const ids = new Set<string>();
  variants.forEach((v, j) => {
    const vat = `${at}.variants.${j}`;
    if (v.id !== undefined) {
      if (ids.has(v.id)) problems.push({ path: `${vat}.id`, message: `variant id ${v.id} is used twice` });
      ids.add(v.id);
    }
    if (v.weight !== undefined && !(Number.isFinite(v.weight) && v.weight > 0)) {
      problems.push({ path: `${vat}.weight`, message: 'a weight must be a number above 0' });
    }
    if (isBlankText(v.body)) {
      problems.push({
        path: `${vat}.body`,
        message: 'this variant has no body: write one or remove the variant',
      });
    }
    for (const field of ['subject', 'body'] as const) {
      const text = v[field];
      if (typeof text !== 'string') continue;
      for (const p of validateTemplate(text)) {
        problems.push({ path: `${vat}.${field}`, message: p.message, index: p.index });
      }
    }
  });
  return problems;
}

/** The subject and body of each step, named as a 400 names them, for the save-time expansion check. */
export function stepTemplateFields(
  list: readonly StepInput[],
  pathPrefix = 'steps',
  keep: (step: StepInput, i: number) => boolean = () => true,
): TemplateField[] {
  return list.flatMap((step, i) =>
    keep(step, i)
      ? (['subject', 'body'] as const)
          .map((part) => ({
            path: `${pathPrefix}.${i}.${part}`,
            part,
            text: step[part],
          }))
          // A/B variants render in place of the step's text, so a bomb in one is as bad as in the step.
          .concat(
            (step.variants ?? []).flatMap((v, j) =>
              (['subject', 'body'] as const).map((part) => ({
                path: `${pathPrefix}.${i}.variants.${j}.${part}`,
                part,
                text: v[part],
              })),
            ),
          )
      : [],
  );
}

/** Throws the API's 400 (validation_failed, details naming each step and field) when any step is bad. */
export function assertValidSteps(list: readonly StepInput[], pathPrefix?: string, firstIndex?: number): void {
  const problems = stepProblems(list, pathPrefix, firstIndex);
  const first = problems[0];
  if (first) throw invalid(`${first.path}: ${first.message}`, problems, 'validation_failed');
}

/** Switched-on automatic emails that would go out with no subject and no body. */
export function emptyStepProblems(
  list: readonly StepInput[],
  pathOf: (i: number) => string = (i) => `steps.${i}.body`,
): StepProblem[] {
  const problems: StepProblem[] = [];
  list.forEach((step, i) => {
    if (step.active === false || !needsContentToRun(step.type)) return;
    if (isBlankEmail(step.subject, step.body)) {
      problems.push({ path: pathOf(i), message: EMPTY_EMAIL_STEP_MESSAGE });
    }
  });
  return problems;
}

/**
 * An active sequence never holds an empty automatic email (API.md): activating one, or editing an
 * active one so a step becomes empty, is refused with the steps to fix. Inactive sequences are drafts
 * and may hold empty steps.
 */
export function assertRunnableSteps(list: readonly StepInput[], pathOf?: (i: number) => string): void {
  const problems = emptyStepProblems(list, pathOf);
  const first = problems[0];
  if (first) {
    throw invalid(
      `${first.path}: ${first.message}`,
      problems.map(({ path, message }) => ({ path, message })),
      'validation_failed',
    );
  }
}

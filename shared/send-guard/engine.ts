import type { NotSentCode } from '../schemas/not-sent-code';
import { effectiveRuleset } from '../schemas/ruleset';
import { inspectEmail } from '../template/render';
import { missingVariablesCheck } from '../template/variable-plan';
import { type EnrollmentWarningCode, enrollmentWarningCatalog, notSentCatalog } from './catalog';
import { emptyEmailReason, wouldSendEmpty } from './empty-email';
import {
  blockedContactStage,
  deriveFacts,
  emailProblemOf,
  forceableCodes,
  isUnverified,
  otherOwner,
  sendGuardRules,
} from './rules';
import { type SendSnapshot, templateContextFor } from './snapshot';
import { tooLargeReason } from './too-large';

export interface GuardReason {
  readonly code: NotSentCode;
  readonly message: string;
  readonly resolution: string;
  readonly detail?: string;
}

export interface GuardResult {
  readonly ok: boolean;
  /** Every reason that applies, in catalog order. */
  readonly reasons: GuardReason[];
}

export interface GuardOptions {
  /** Rules never read the clock themselves, so tests and previews can ask "what if now were …". */
  readonly now: Date;
  /** Skip the forceable protections (stage, bounce, unverified, job change), as a forced retry does. */
  readonly force?: boolean | undefined;
}

/**
 * Every reason this send would be held back now. The scheduler, preflight and the compose bar all
 * call this, so what a rep is warned about is exactly what the server enforces.
 */
export function evaluateSendGuards(snapshot: SendSnapshot, opts: GuardOptions): GuardResult {
  const ruleset = effectiveRuleset(snapshot.sequence?.ruleset);
  const facts = deriveFacts(snapshot);
  const reasons: GuardReason[] = [];
  for (const rule of sendGuardRules) {
    if (opts.force === true && forceableCodes.has(rule.code)) continue;
    const outcome = rule.applies(snapshot, ruleset, opts.now, facts);
    if (outcome === false) continue;
    const { message, resolution } = notSentCatalog[rule.code];
    reasons.push(
      outcome === true
        ? { code: rule.code, message, resolution }
        : { code: rule.code, message, resolution, detail: outcome.detail },
    );
  }
  // Not a catalog rule: API.md's code list is closed, so an empty email is reported as `other`.
  if (wouldSendEmpty(snapshot)) reasons.push({ ...emptyEmailReason });
  // Nor is one that fills in longer than RENDER_LIMITS (a snippet bomb): `other`, with its own words.
  const oversized = facts.content?.oversized;
  if (oversized && oversized.length > 0) reasons.push(tooLargeReason(oversized));
  return { ok: reasons.length === 0, reasons };
}

/** What enrolling needs to know: no mailbox, step or content is involved yet. */
export type EnrollmentSnapshot = Pick<
  SendSnapshot,
  'contact' | 'account' | 'actingUserId' | 'sequence' | 'activeEnrollments'
> &
  // The first email step the contact would get, with what its template can draw on.
  Partial<Pick<SendSnapshot, 'step' | 'snippets' | 'sender' | 'mailbox'>>;

/** Variables the first email step needs that this contact lacks (no value, no fallback). */
export function missingVariablesAtEnroll(s: EnrollmentSnapshot): string[] {
  if (!s.step || (s.step.type !== 'auto_email' && s.step.type !== 'manual_email')) return [];
  return inspectEmail({ subject: s.step.subject, body: s.step.body }, templateContextFor(s), s.snippets ?? {})
    .missingVariables;
}

/**
 * `missingVariablesAtEnroll` for many contacts who share the first email step, snippets, sender and
 * mailbox (one enroll request): the templates are read once, then each contact is a short loop.
 */
export function missingVariablesAtEnrollFor(
  firstEmail: Partial<Pick<SendSnapshot, 'step' | 'snippets'>>,
): (s: EnrollmentSnapshot) => string[] {
  const step = firstEmail.step;
  if (!step || (step.type !== 'auto_email' && step.type !== 'manual_email')) return () => [];
  const check = missingVariablesCheck({ subject: step.subject, body: step.body }, firstEmail.snippets ?? {});
  return (s) => check(templateContextFor(s));
}

export interface EnrollmentWarning {
  readonly code: EnrollmentWarningCode;
  readonly detail?: string;
}

export interface EnrollmentWarningOptions {
  /** Warnings the caller has already accepted or does not want computed. */
  readonly skip?: readonly EnrollmentWarningCode[] | undefined;
  /**
   * The missing-variable check prepared once for a request (`missingVariablesAtEnrollFor`); it must
   * be built from the same step and snippets as the snapshots carry.
   */
  readonly missingVariables?: ((s: EnrollmentSnapshot) => string[]) | undefined;
}

type WarningCheck = (s: EnrollmentSnapshot, opts: EnrollmentWarningOptions) => string | boolean;

/*
 * Unlike the send rules, these warn whatever the ruleset's switches say (except the stage list,
 * which only the ruleset defines): enrolling is the moment to point out a risk, not to enforce it.
 */
const warningChecks: { readonly [C in EnrollmentWarningCode]: WarningCheck } = {
  missing_email: (s) => emailProblemOf(s.contact) ?? false,
  blocked_contact_stage: (s) =>
    blockedContactStage(s.contact, effectiveRuleset(s.sequence?.ruleset)) ?? false,
  owned_by_other_user: (s) => otherOwner(s) ?? false,
  unverified_email: (s) => emailProblemOf(s.contact) === null && isUnverified(s.contact),
  already_in_another_sequence: (s) => {
    const others = new Set<string>();
    for (const e of s.activeEnrollments ?? []) if (e.sequenceId !== s.sequence?.id) others.add(e.sequenceId);
    return others.size === 0 ? false : [...others].sort().join(', ');
  },
  missing_dynamic_variable: (s, opts) => {
    const names = (opts.missingVariables ?? missingVariablesAtEnroll)(s);
    return names.length === 0 ? false : names.join(', ');
  },
};

const warningOrder = Object.keys(enrollmentWarningCatalog) as EnrollmentWarningCode[];

/** The enrollment warnings for one contact, in catalog order. */
export function enrollmentWarnings(
  snapshot: EnrollmentSnapshot,
  opts: EnrollmentWarningOptions = {},
): EnrollmentWarning[] {
  const warnings: EnrollmentWarning[] = [];
  for (const code of warningOrder) {
    if (opts.skip?.includes(code)) continue;
    const outcome = warningChecks[code](snapshot, opts);
    if (outcome === false) continue;
    warnings.push(typeof outcome === 'string' ? { code, detail: outcome } : { code });
  }
  return warnings;
}

import type { EffectiveRuleset } from '../schemas/ruleset';
import { inspectEmail, type TemplateIssues } from '../template/render';
import { notSentCatalog, notSentOrder, type PreSendCode } from './catalog';
import { isInEea } from './eea-countries';
import { emailDomain, isValidEmailAddress } from './email-address';
import { type SendSnapshot, type SnapshotContact, templateContextFor } from './snapshot';

/** What a rule reports: false when it does not apply, true or a detail when it does. */
export type RuleOutcome = boolean | { readonly detail: string };

/** Facts several rules need, worked out once per evaluation. */
export interface DerivedFacts {
  readonly email: string;
  readonly emailProblem: EmailProblem | null;
  readonly content: TemplateIssues | null;
}

export type Applies = (s: SendSnapshot, r: EffectiveRuleset, now: Date, d: DerivedFacts) => RuleOutcome;

export interface GuardRule {
  readonly code: PreSendCode;
  readonly applies: Applies;
}

export type EmailProblem = 'missing' | 'malformed' | 'failed verification';

// Shared with enrollment warnings, which ask the same questions with fewer facts at hand.

export function emailProblemOf(contact: Pick<SnapshotContact, 'email' | 'emailStatus'>): EmailProblem | null {
  const email = contact.email?.trim() ?? '';
  if (email === '') return 'missing';
  if (!isValidEmailAddress(email)) return 'malformed';
  // A verifier's "invalid" is as good as a missing address: seeds/004 files "emails fail
  // validation" under "no valid email address", not under the forceable bounce protection.
  return contact.emailStatus === 'invalid' ? 'failed verification' : null;
}

function stageIn(stage: string | null | undefined, blocked: readonly string[]): string | null {
  if (stage == null || blocked.length === 0) return null;
  const wanted = stage.trim().toLowerCase();
  if (wanted === '') return null;
  for (const b of blocked) if (b.trim().toLowerCase() === wanted) return stage;
  return null;
}

export function blockedContactStage(
  contact: Pick<SnapshotContact, 'stage'>,
  r: EffectiveRuleset,
): string | null {
  return stageIn(contact.stage, r.blockedContactStages);
}

/**
 * The owner when it is someone other than the acting user. An account owner counts when the contact
 * has none; nobody owns an unowned contact, so emailing it takes nothing from a colleague.
 */
export function otherOwner(s: Pick<SendSnapshot, 'contact' | 'account' | 'actingUserId'>): string | null {
  const owner = s.contact.ownerId || s.account?.ownerId;
  return owner && owner !== s.actingUserId ? owner : null;
}

export function isUnverified(contact: Pick<SnapshotContact, 'emailStatus'>): boolean {
  return contact.emailStatus === 'unverified';
}

/** The most specific blocklisted domain covering `domain` (subdomains included), order-independent. */
function blockedDomain(domain: string, entries: readonly string[]): string | null {
  let best: string | null = null;
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase().replace(/^@/, '');
    if (entry === '') continue;
    const covers =
      domain === entry || (domain.endsWith(entry) && domain[domain.length - entry.length - 1] === '.');
    if (
      covers &&
      (best === null || entry.length > best.length || (entry.length === best.length && entry < best))
    ) {
      best = entry;
    }
  }
  return best;
}

function listNames(names: readonly string[]): { detail: string } | false {
  return names.length === 0 ? false : { detail: names.join(', ') };
}

const has = (d: DerivedFacts): boolean => d.emailProblem === null;

/*
 * One rule per code the guard can predict. Typed as a full record over PreSendCode, so a code marked
 * checkedBeforeSend in the catalog without a rule here (or the reverse) fails to compile.
 */
const ruleFns: { readonly [C in PreSendCode]: Applies } = {
  unsubscribed: (s) => s.contact.unsubscribed,
  person_blocked: (s, _r, _n, d) => {
    if (d.email === '' || !s.blocklist) return false;
    const email = d.email.toLowerCase();
    return s.blocklist.emails.some((e) => e.trim().toLowerCase() === email) ? { detail: email } : false;
  },
  company_blocked: (s, _r, _n, d) => {
    if (!s.blocklist || s.blocklist.domains.length === 0) return false;
    const fromEmail = d.email === '' ? null : blockedDomain(emailDomain(d.email), s.blocklist.domains);
    const accountDomain = s.account?.domain?.trim().toLowerCase();
    const fromAccount = accountDomain ? blockedDomain(accountDomain, s.blocklist.domains) : null;
    const hit = fromEmail ?? fromAccount;
    return hit === null ? false : { detail: hit };
  },
  gdpr_location_blocked: (s, r) => {
    if (!r.gdprBlockEu || !isInEea(s.contact.country, s.contact.timezone)) return false;
    return { detail: s.contact.country?.trim().toUpperCase() || `time zone ${s.contact.timezone}` };
  },
  email_missing_or_invalid: (_s, _r, _n, d) => (d.emailProblem === null ? false : { detail: d.emailProblem }),
  likely_to_bounce: (s, r, _n, d) => r.bounceProtection && has(d) && s.contact.bouncedBefore,
  unverified_email: (s, r, _n, d) =>
    r.unverifiedProtection && has(d) && isUnverified(s.contact) && s.contact.sentCountToAddress === 0,
  blocked_contact_stage: (s, r) => {
    const stage = blockedContactStage(s.contact, r);
    return stage === null ? false : { detail: stage };
  },
  blocked_account_stage: (s, r) => {
    const stage = stageIn(s.account?.stage, r.blockedAccountStages);
    return stage === null ? false : { detail: stage };
  },
  same_account_replied: (s, r) => r.sameAccountReply === 'not_sent' && s.sameAccountReplied === true,
  not_owned_by_user: (s, r) => {
    const owner = r.ownershipRequired ? otherOwner(s) : null;
    return owner === null ? false : { detail: `owner ${owner}` };
  },
  job_change_detected: (s) => s.contact.jobChangeDetected,
  already_sent_step: (s) => s.alreadySentStep === true,
  no_send_from_mailbox: (s) => !s.mailbox,
  mailbox_inactive: (s) => {
    if (s.mailbox?.status !== 'inactive') return false;
    return s.mailbox.inactiveReason ? { detail: s.mailbox.inactiveReason } : true;
  },
  missing_thread_info: (s) => s.step?.threadMode === 'reply_previous' && !s.thread?.previousMessageId,
  missing_dynamic_variable: (_s, _r, _n, d) => listNames(d.content?.missingVariables ?? []),
  missing_snippet: (_s, _r, _n, d) => listNames(d.content?.missingSnippets ?? []),
  personalized_opener_missing: (_s, _r, _n, d) => d.content?.openerMissing === true,
};

const rank = new Map(notSentOrder.map((code, i) => [code, i]));

/** The rules in catalog order, so reasons come out in that order whatever the input. */
export const sendGuardRules: readonly GuardRule[] = (Object.keys(ruleFns) as PreSendCode[])
  .sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0))
  .map((code) => ({ code, applies: ruleFns[code] }));

const noSnippets: Readonly<Record<string, string>> = {};

function contentIssues(s: SendSnapshot): TemplateIssues | null {
  if (s.rendered) return s.rendered;
  const subject = s.draft?.subject ?? s.step?.subject;
  const body = s.draft?.body ?? s.step?.body;
  if (subject == null && body == null) return null;
  return inspectEmail({ subject, body }, templateContextFor(s), s.snippets ?? noSnippets);
}

export function deriveFacts(s: SendSnapshot): DerivedFacts {
  return {
    email: s.contact.email?.trim() ?? '',
    emailProblem: emailProblemOf(s.contact),
    content: contentIssues(s),
  };
}

/** The codes a forced retry skips; read from the catalog so the UI and the engine agree. */
export const forceableCodes: ReadonlySet<PreSendCode> = new Set(
  sendGuardRules.filter((rule) => notSentCatalog[rule.code].forceable).map((rule) => rule.code),
);

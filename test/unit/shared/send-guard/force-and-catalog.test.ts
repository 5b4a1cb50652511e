import { describe, expect, it } from 'vitest';
import { type NotSentCode, notSentCodes } from '../../../../shared/schemas/not-sent-code';
import {
  enrollmentWarningCatalog,
  enrollmentWarningCodes,
  notSentCatalog,
  notSentOrder,
} from '../../../../shared/send-guard/catalog';
import { evaluateSendGuards } from '../../../../shared/send-guard/engine';
import type { SendSnapshot } from '../../../../shared/send-guard/snapshot';
import { type DeepPartial, NOW, snapshotWith } from './fixtures';

function codesOf(s: SendSnapshot, force = false): NotSentCode[] {
  return evaluateSendGuards(s, { now: NOW, force }).reasons.map((r) => r.code);
}

/** Breaks every pre-send rule that can hold alongside the others. */
const everything: DeepPartial<SendSnapshot> = {
  contact: {
    unsubscribed: true,
    country: 'DE',
    stage: 'Customer',
    ownerId: 'u2',
    jobChangeDetected: true,
    bouncedBefore: true,
    emailStatus: 'unverified',
    personalizedOpener: '',
    fields: {},
  },
  account: { stage: 'Competitor' },
  blocklist: { emails: ['ada@example.com'], domains: ['example.com'] },
  sameAccountReplied: true,
  alreadySentStep: true,
  mailbox: { status: 'inactive' },
  step: { threadMode: 'reply_previous' },
  snippets: { cta: '{{fields.industry}} {{snippet.missing}}' },
};

const forceable: NotSentCode[] = [
  'blocked_account_stage',
  'blocked_contact_stage',
  'job_change_detected',
  'likely_to_bounce',
  'unverified_email',
];

describe('several reasons at once', () => {
  it('returns every applicable reason, in catalog order', () => {
    const codes = codesOf(snapshotWith(everything));
    expect(codes).toEqual([
      'unsubscribed',
      'person_blocked',
      'company_blocked',
      'gdpr_location_blocked',
      'likely_to_bounce',
      'unverified_email',
      'blocked_contact_stage',
      'blocked_account_stage',
      'same_account_replied',
      'not_owned_by_user',
      'job_change_detected',
      'already_sent_step',
      'mailbox_inactive',
      'missing_thread_info',
      'missing_dynamic_variable',
      'missing_snippet',
      'personalized_opener_missing',
    ]);
    const ranks = codes.map((c) => notSentOrder.indexOf(c));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('reports missing email and missing mailbox together', () => {
    const s = snapshotWith({
      contact: { email: null, bouncedBefore: true, emailStatus: 'unverified' },
      mailbox: null,
    });
    // Bounce and unverified describe an address; with none they would only repeat the first reason.
    expect(codesOf(s)).toEqual(['email_missing_or_invalid', 'no_send_from_mailbox']);
  });
});

describe('force', () => {
  it('drops exactly the stage, bounce, unverified and job-change protections', () => {
    const all = codesOf(snapshotWith(everything));
    const forced = codesOf(snapshotWith(everything), true);
    expect(all.filter((c) => !forced.includes(c)).sort()).toEqual(forceable);
    expect(forced).toEqual(all.filter((c) => !forceable.includes(c)));
  });

  it('keeps blocklists, unsubscribes, GDPR and missing data', () => {
    const forced = codesOf(snapshotWith(everything), true);
    for (const kept of [
      'unsubscribed',
      'person_blocked',
      'company_blocked',
      'gdpr_location_blocked',
      'missing_dynamic_variable',
      'missing_snippet',
      'personalized_opener_missing',
      'missing_thread_info',
    ] as const) {
      expect(forced).toContain(kept);
    }
    const noEmail = snapshotWith({ contact: { email: null }, mailbox: null });
    expect(codesOf(noEmail, true)).toEqual(['email_missing_or_invalid', 'no_send_from_mailbox']);
  });

  it('lets through a send that only needed forcing', () => {
    const s = snapshotWith({ contact: { bouncedBefore: true, jobChangeDetected: true, stage: 'Customer' } });
    expect(codesOf(s)).toEqual(['likely_to_bounce', 'blocked_contact_stage', 'job_change_detected']);
    expect(evaluateSendGuards(s, { now: NOW, force: true })).toEqual({ ok: true, reasons: [] });
  });
});

describe('catalog', () => {
  it('has a label, message and resolution for every code, all distinct', () => {
    for (const [field, minLength] of [
      ['label', 3],
      ['message', 20],
      ['resolution', 20],
    ] as const) {
      const texts = notSentCodes.map((c) => notSentCatalog[c][field].trim());
      expect(texts.filter((t) => t.length < minLength)).toEqual([]);
      expect(new Set(texts).size).toBe(notSentCodes.length);
    }
    expect([...notSentOrder].sort()).toEqual([...notSentCodes].sort());
  });

  it('marks exactly the protections API.md lets force bypass as forceable', () => {
    expect(notSentCodes.filter((c) => notSentCatalog[c].forceable).sort()).toEqual(forceable);
  });

  it('leaves provider outcomes to the provider', () => {
    const afterTheFact = notSentCodes.filter((c) => !notSentCatalog[c].checkedBeforeSend).sort();
    expect(afterTheFact).toEqual([
      'email_service_provider_error',
      'mailgun_dropped',
      'other',
      'sendgrid_dropped',
    ]);
    expect(afterTheFact.every((c) => notSentCatalog[c].kind === 'provider')).toBe(true);
  });

  it('has distinct texts for every enrollment warning', () => {
    expect(Object.keys(enrollmentWarningCatalog).sort()).toEqual([...enrollmentWarningCodes].sort());
    for (const field of ['label', 'message', 'resolution'] as const) {
      const texts = enrollmentWarningCodes.map((c) => enrollmentWarningCatalog[c][field].trim());
      expect(texts.filter((t) => t.length < 3)).toEqual([]);
      expect(new Set(texts).size).toBe(enrollmentWarningCodes.length);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { type StepDraft, stepIssues } from '../../../../extension/ui/console/sequences/sequence-draft';
import { emptyStepProblems, type StepInput } from '../../../../server/domain/sequences/validate-steps';
import { evaluateSendGuards } from '../../../../shared/send-guard/engine';
import type { SendSnapshot } from '../../../../shared/send-guard/snapshot';
import { EMPTY_EMAIL_STEP_MESSAGE, isBlankEmail, isBlankText } from '../../../../shared/template/blank';
import { cleanSnapshot } from '../send-guard/fixtures';

describe('isBlankText', () => {
  it('sees markup, non-breaking spaces and whitespace as nothing', () => {
    for (const s of [
      null,
      undefined,
      '',
      '   ',
      '\n\t',
      '<p></p>',
      '<p>&nbsp;</p><br>',
      '<div> \u00a0 </div>',
    ]) {
      expect(isBlankText(s)).toBe(true);
    }
    for (const s of ['x', '<p>Hi</p>', '{{firstName}}', '&amp;']) expect(isBlankText(s)).toBe(false);
  });
  it('an email is blank only when both subject and body are', () => {
    expect(isBlankEmail('', '<p></p>')).toBe(true);
    expect(isBlankEmail('Hello', '')).toBe(false);
    expect(isBlankEmail(null, 'Body')).toBe(false);
  });
});

const cases: Array<{ step: StepInput; empty: boolean }> = [
  { step: { type: 'auto_email', waitMinutes: 0, subject: '', body: '' }, empty: true },
  { step: { type: 'auto_email', waitMinutes: 0, subject: ' ', body: '<p>&nbsp;</p>' }, empty: true },
  { step: { type: 'auto_email', waitMinutes: 0, subject: 'Hi', body: '' }, empty: false },
  { step: { type: 'auto_email', waitMinutes: 0, threadMode: 'reply_previous', body: 'Again' }, empty: false },
  { step: { type: 'auto_email', waitMinutes: 0, subject: '', body: '', active: false }, empty: false },
  // A manual email is written by the rep in the task; the send guard catches it if still empty.
  { step: { type: 'manual_email', waitMinutes: 0, subject: '', body: '' }, empty: false },
  { step: { type: 'call', waitMinutes: 0 }, empty: false },
];

const draftOf = (s: StepInput): StepDraft => ({
  key: 'k',
  type: s.type,
  waitMinutes: s.waitMinutes,
  subject: s.subject ?? '',
  body: s.body ?? '',
  threadMode: s.threadMode ?? 'new_thread',
  active: s.active ?? true,
});

describe('the editor and the server agree on empty automatic emails', () => {
  it.each(cases)('%o', ({ step, empty }) => {
    const server = emptyStepProblems([step]).length > 0;
    const editor = stepIssues([draftOf(step)], 0).body.some((p) => p.message === EMPTY_EMAIL_STEP_MESSAGE);
    expect(server).toBe(empty);
    expect(editor).toBe(empty);
  });
});

const snapshot = (step: Partial<NonNullable<SendSnapshot['step']>>, extra: Partial<SendSnapshot> = {}) => {
  const base = cleanSnapshot();
  return { ...base, step: base.step && { ...base.step, ...step }, ...extra };
};

describe('the send guard never lets an empty sequence email out', () => {
  const now = new Date('2026-11-23T14:00:00Z');
  const emptyReason = (s: SendSnapshot) =>
    evaluateSendGuards(s, { now, force: true }).reasons.find((r) => r.code === 'other');

  it('holds a step that is empty as written or once rendered, even forced', () => {
    expect(emptyReason(snapshot({ subject: null, body: ' ' }))?.message).toMatch(/no subject and no body/);
    expect(
      emptyReason(snapshot({ subject: '{{fields.a | ""}}', body: '<p>{{fields.b | ""}}</p>' })),
    ).toBeDefined();
    expect(emptyReason(snapshot({ subject: '', body: '{{firstName}}' }))).toBeUndefined();
  });

  it("judges a rep's edited draft of a manual email, not the step's template", () => {
    const manual = { type: 'manual_email' as const, subject: 'Template', body: 'Template body' };
    expect(emptyReason(snapshot(manual, { draft: { subject: '', body: '' } }))).toBeDefined();
    expect(emptyReason(snapshot(manual, { draft: { subject: 'Mine', body: '' } }))).toBeUndefined();
  });

  it('leaves sends outside a sequence (the compose bar) alone', () => {
    expect(emptyReason(snapshot({}, { step: null, draft: { subject: '', body: '' } }))).toBeUndefined();
  });
});

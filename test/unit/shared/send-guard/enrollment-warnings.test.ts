import { describe, expect, it } from 'vitest';
import type { EnrollmentWarningCode } from '../../../../shared/send-guard/catalog';
import { type EnrollmentWarning, enrollmentWarnings } from '../../../../shared/send-guard/engine';
import type { SendSnapshot } from '../../../../shared/send-guard/snapshot';
import { type DeepPartial, snapshotWith } from './fixtures';

type Patch = DeepPartial<SendSnapshot>;

function warningsFor(patch: Patch, skip?: EnrollmentWarningCode[]): EnrollmentWarning[] {
  return enrollmentWarnings(snapshotWith(patch), { skip });
}

describe('enrollmentWarnings', () => {
  it('has nothing to say about a clean contact enrolled only here', () => {
    expect(warningsFor({})).toEqual([]);
  });

  it.each<readonly [string, Patch, EnrollmentWarning[]]>([
    ['no email', { contact: { email: null } }, [{ code: 'missing_email', detail: 'missing' }]],
    ['malformed email', { contact: { email: 'ada@' } }, [{ code: 'missing_email', detail: 'malformed' }]],
    [
      'verifier said invalid',
      { contact: { emailStatus: 'invalid' } },
      [{ code: 'missing_email', detail: 'failed verification' }],
    ],
    ['unverified email', { contact: { emailStatus: 'unverified' } }, [{ code: 'unverified_email' }]],
    [
      'unverified but already emailed: still a warning',
      { contact: { emailStatus: 'unverified', sentCountToAddress: 3 } },
      [{ code: 'unverified_email' }],
    ],
    [
      'unverified and no email: only the missing email',
      { contact: { email: null, emailStatus: 'unverified' } },
      [{ code: 'missing_email', detail: 'missing' }],
    ],
    ['owned by u2', { contact: { ownerId: 'u2' } }, [{ code: 'owned_by_other_user', detail: 'u2' }]],
    [
      'owned by u2 though the ruleset does not require ownership',
      { contact: { ownerId: 'u2' }, sequence: { ruleset: { ownershipRequired: false } } },
      [{ code: 'owned_by_other_user', detail: 'u2' }],
    ],
    [
      'blocked stage, any case',
      { contact: { stage: 'CUSTOMER' } },
      [{ code: 'blocked_contact_stage', detail: 'CUSTOMER' }],
    ],
    [
      'in two other sequences',
      {
        activeEnrollments: [
          { sequenceId: 'q9' },
          { sequenceId: 'q1' },
          { sequenceId: 'q3' },
          { sequenceId: 'q9' },
        ],
      },
      [{ code: 'already_in_another_sequence', detail: 'q3, q9' }],
    ],
  ])('%s', (_name, patch, expected) => {
    expect(warningsFor(patch)).toEqual(expected);
  });

  it('does not count an enrollment in this same sequence', () => {
    expect(warningsFor({ activeEnrollments: [{ sequenceId: 'q1' }] })).toEqual([]);
  });

  it('does not warn about the account stage or unowned contacts', () => {
    expect(warningsFor({ account: { stage: 'Competitor' }, contact: { ownerId: null } })).toEqual([]);
  });

  it('reports every warning at once, in catalog order, and honours skip', () => {
    const patch: Patch = {
      contact: { emailStatus: 'invalid', stage: 'Customer', ownerId: 'u3' },
      activeEnrollments: [{ sequenceId: 'q2' }],
    };
    expect(warningsFor(patch).map((w) => w.code)).toEqual([
      'missing_email',
      'blocked_contact_stage',
      'owned_by_other_user',
      'already_in_another_sequence',
    ]);
    expect(warningsFor(patch, ['owned_by_other_user', 'missing_email']).map((w) => w.code)).toEqual([
      'blocked_contact_stage',
      'already_in_another_sequence',
    ]);
  });

  it('uses the same stage rule as the send guard, with no sequence meaning no stage list', () => {
    expect(warningsFor({ contact: { stage: 'Customer' }, sequence: null, activeEnrollments: [] })).toEqual(
      [],
    );
  });
});

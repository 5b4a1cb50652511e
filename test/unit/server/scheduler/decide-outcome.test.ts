import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../../server/providers/provider';
import type { ClaimedSend, SendOutcome } from '../../../../server/scheduler/claim-types';
import { decideOutcome } from '../../../../server/scheduler/decide-outcome';
import { decideRecovery, needsProviderAnswer } from '../../../../server/scheduler/decide-recovery';
import { cleanSnapshot } from '../../shared/send-guard/fixtures';
import { dueRow } from './due-rows';

const NOW = new Date('2026-11-23T10:00:00Z');
const config = { maxAttempts: 3, backoffBaseMs: 30_000, backoffCapMs: 3_600_000 };
const noDraw = () => {
  throw new Error('random drawn where no retry happens');
};

function claim(attempts: number): ClaimedSend {
  const row = dueRow('a', { email: { attempts, mailboxId: 'm1' } });
  return {
    email: row.email,
    attemptId: 'att1',
    teamId: 't1',
    enrollmentId: 'enr-a',
    snapshot: cleanSnapshot(),
    mailbox: {
      id: 'm1',
      provider: 'sandbox',
      address: 'rita@sender.test',
      name: null,
      signature: null,
      unsubscribeEnabled: false,
      settingsEncrypted: null,
    },
  };
}
const failed = (error: Error, attempts = 1): SendOutcome => ({ claim: claim(attempts), ok: false, error });

describe('decideOutcome (what recording a provider answer writes)', () => {
  it('records a delivery with the subject as sent and the provider ids', () => {
    const o: SendOutcome = {
      claim: claim(1),
      ok: true,
      result: { messageId: '<a@stride.test>', providerMessageId: 'p1', threadId: 'th1' },
      subject: 'Hello Ada',
    };
    expect(decideOutcome(o, NOW, config, noDraw)).toEqual({
      kind: 'sent',
      subject: 'Hello Ada',
      providerMessageId: 'p1',
      threadId: 'th1',
    });
  });

  it('retries a transient failure with jittered exponential backoff, the Retry-After when longer', () => {
    const at = (attempts: number, r: number, retryAfterMs?: number) =>
      decideOutcome(
        failed(
          new ProviderError({ kind: 'transient', detail: '503', ...(retryAfterMs && { retryAfterMs }) }),
          attempts,
        ),
        NOW,
        config,
        () => r,
      );
    // attempt 1: 30 s, half of it fixed and half jittered.
    expect(at(1, 0)).toEqual({ kind: 'retry', dueAt: new Date(NOW.getTime() + 15_000), detail: '503' });
    expect(at(2, 0.999_999)).toMatchObject({ dueAt: new Date(NOW.getTime() + 59_999) });
    expect(at(1, 0, 600_000)).toMatchObject({ dueAt: new Date(NOW.getTime() + 600_000) });
  });

  it('gives up after maxAttempts and reports a provider error', () => {
    const d = decideOutcome(
      failed(new ProviderError({ kind: 'transient', detail: '503' }), 3),
      NOW,
      config,
      noDraw,
    );
    expect(d).toEqual({
      kind: 'not_sent',
      reason: 'email_service_provider_error',
      detail: 'gave up after 3 attempts: 503',
    });
  });

  it('never resends what may have gone out: the lease is cut for recovery to reconcile', () => {
    const e = new ProviderError({ kind: 'transient', detail: 'socket hang up', mayHaveSent: true });
    expect(decideOutcome(failed(e), NOW, config, noDraw)).toEqual({
      kind: 'reconcile',
      detail: 'socket hang up',
    });
  });

  it('bounces, deactivates a mailbox whose credentials were refused, and reports a blocked send', () => {
    const bounce = new ProviderError({ kind: 'bounce', detail: '550 no such user' });
    expect(decideOutcome(failed(bounce), NOW, config, noDraw)).toEqual({
      kind: 'bounced',
      detail: '550 no such user',
    });
    const auth = new ProviderError({ kind: 'auth', detail: 'invalid_grant' });
    expect(decideOutcome(failed(auth), NOW, config, noDraw)).toEqual({
      kind: 'not_sent',
      reason: 'mailbox_inactive',
      detail: 'invalid_grant',
      deactivateMailbox: 'invalid_grant',
    });
    const blocked = new ProviderError({
      kind: 'blocked',
      detail: 'spam',
      reason: 'email_service_provider_error',
    });
    expect(decideOutcome(failed(blocked), NOW, config, noDraw)).toMatchObject({
      kind: 'not_sent',
      reason: 'email_service_provider_error',
    });
  });

  it('reports any other error as not sent, reason other', () => {
    expect(decideOutcome(failed(new Error('render failed')), NOW, config, noDraw)).toEqual({
      kind: 'not_sent',
      reason: 'other',
      detail: 'render failed',
    });
  });
});

describe('lease recovery decisions', () => {
  it('asks the provider only about emails that were handed to it', () => {
    expect(needsProviderAnswer({ dispatchedAt: null })).toBe(false);
    expect(needsProviderAnswer({ dispatchedAt: NOW })).toBe(true);
  });

  it('records sent, requeues what never arrived, parks the rest as unknown', () => {
    expect(decideRecovery('sent')).toBe('record_sent');
    expect(decideRecovery('not_found')).toBe('requeue');
    expect(decideRecovery('unknown')).toBe('park_unknown');
    expect(decideRecovery(undefined)).toBe('park_unknown');
  });
});

import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../../../../server/domain/deliverability/webhook-mailbox';
import { DomainError } from '../../../../../server/domain/errors';

/** A webhook use-case takes no Actor: a failed signature check is a refusal it returns, not an HTTP status. */
describe('refusalOf', () => {
  it('a body that is not the provider format is invalid input (400), not a refusal', () => {
    let thrown: unknown;
    try {
      refusalOf({ ok: false, refusal: 'malformed', detail: 'not JSON' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ kind: 'invalid', code: 'invalid_request', message: 'not JSON' });
  });

  it('unsigned and badly signed calls are both invalid_signature', () => {
    for (const refusal of ['unsigned', 'bad_signature'] as const) {
      expect(refusalOf({ ok: false, refusal, detail: 'x' })).toEqual({
        ok: false,
        code: 'invalid_signature',
        message: 'webhook refused: x',
      });
    }
  });

  it('a stale call keeps its own code', () => {
    expect(refusalOf({ ok: false, refusal: 'stale', detail: 'timestamp 9 minutes old' })).toEqual({
      ok: false,
      code: 'stale',
      message: 'webhook refused: timestamp 9 minutes old',
    });
  });
});

/**
 * The domain's own errors. Use-cases, the scheduler and the sync worker throw these; they know nothing of
 * HTTP. `server/http/on-error.ts` maps each kind to a status once (not_found 404, forbidden 403,
 * conflict 409, invalid 400, too_large 413), so the same rule reads the same from a route, a job or a test.
 */
export type DomainErrorKind = 'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'too_large';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable machine code for the API envelope (`error.code`), e.g. `validation_failed`. */
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', 'not_found', `${what} not found`);
export const forbidden = (message = 'you may not do this') =>
  new DomainError('forbidden', 'forbidden', message);
export const invalid = (message: string, details?: unknown, code = 'invalid_request') =>
  new DomainError('invalid', code, message, details);
export const conflict = (message: string, details?: unknown, code = 'conflict') =>
  new DomainError('conflict', code, message, details);

/** More input than one request may carry (a CSV of too many rows): the caller must split it. */
export const tooLarge = (message: string, code = 'too_large') => new DomainError('too_large', code, message);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { DomainError, type DomainErrorKind } from '../domain/errors';
import type { Logger } from '../domain/logger';
import { ApiError } from './api-error';
import { validationErrorBody } from './validation';

export type { Logger };

/** The one place domain error kinds become HTTP statuses. */
export const statusOfKind: Record<DomainErrorKind, 400 | 403 | 404 | 409 | 413> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
};

/** The app's one error handler: known errors keep their status, anything else is logged and a 500. */
export function createOnError(log: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof ApiError) {
      return c.json(
        {
          error: {
            code: err.code,
            message: err.message,
            ...(err.details !== undefined && { details: err.details }),
          },
        },
        err.status,
      );
    }
    if (err instanceof DomainError) {
      return c.json(
        {
          error: {
            code: err.code,
            message: err.message,
            ...(err.details !== undefined && { details: err.details }),
          },
        },
        statusOfKind[err.kind],
      );
    }
    if (err instanceof ZodError) return c.json(validationErrorBody(err), 400);
    if (err instanceof HTTPException) {
      const status = err.status;
      const code =
        status === 400
          ? 'invalid_request'
          : status === 401
            ? 'unauthorized'
            : status === 413
              ? 'payload_too_large'
              : 'http_error';
      return c.json({ error: { code, message: err.message || 'request refused' } }, status);
    }
    log.error('unhandled error', c.req.method, c.req.path, err);
    return c.json({ error: { code: 'internal_error', message: 'something went wrong on the server' } }, 500);
  };
}

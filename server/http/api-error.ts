import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Thrown by routes and domain code; `onError` turns it into API.md's error envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'you may not do this') => new ApiError(403, 'forbidden', message);
export const badRequest = (message: string, details?: unknown) =>
  new ApiError(400, 'invalid_request', message, details);
export const conflict = (message: string, details?: unknown) =>
  new ApiError(409, 'conflict', message, details);

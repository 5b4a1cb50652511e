import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './api-error';

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * How much a request may send, by who can send it. A signed-in JSON call gets room for the largest
 * real payloads (a sequence of long steps, a long thread observed by the extension). Before login
 * (sign-in, unsubscribe, tracking, OAuth callbacks) a form or a few fields is all there is, so
 * anyone on the internet can make the server buffer only a little. Provider webhooks are signed
 * but read whole before the signature can be checked; SendGrid batches events (well under this).
 * The CSV import is absent: it checks its own, larger limit (server/routes/contact-import.ts).
 */
export const BODY_LIMITS = {
  signedIn: 4 * MiB,
  beforeLogin: 16 * KiB,
  webhook: 5 * MiB,
} as const;

type LimitKind = keyof typeof BODY_LIMITS;

const OWN_LIMIT = [/^\/api\/contacts\/import\/?$/];
const BEFORE_LOGIN = [
  /^\/api\/auth\//,
  /^\/api\/unsubscribe\//,
  /^\/api\/oauth\//,
  /^\/t\//,
  /^\/api\/openapi/,
];
const WEBHOOKS = [/^\/api\/webhooks\//];

/** Which limit a path falls under; null when its route checks its own. */
export function bodyLimitKind(path: string): LimitKind | null {
  if (OWN_LIMIT.some((re) => re.test(path))) return null;
  if (WEBHOOKS.some((re) => re.test(path))) return 'webhook';
  if (BEFORE_LOGIN.some((re) => re.test(path))) return 'beforeLogin';
  return 'signedIn';
}

export function formatBytes(bytes: number): string {
  return bytes >= MiB ? `${bytes / MiB} MiB` : `${bytes / KiB} KiB`;
}

export const payloadTooLarge = (maxSize: number) =>
  new ApiError(
    413,
    'payload_too_large',
    `the request body is larger than ${formatBytes(maxSize)}, the most this route takes`,
  );

/**
 * One middleware for the whole app, mounted before authentication so an oversized body is refused
 * before anything reads it: a declared Content-Length over the limit is refused unread, and a body
 * without one is counted as it streams and cut off at the limit.
 */
export function bodyLimits(): MiddlewareHandler {
  const byKind = Object.fromEntries(
    (Object.keys(BODY_LIMITS) as LimitKind[]).map((kind) => {
      const maxSize = BODY_LIMITS[kind];
      return [
        kind,
        bodyLimit({
          maxSize,
          onError: () => {
            throw payloadTooLarge(maxSize);
          },
        }),
      ];
    }),
  ) as Record<LimitKind, MiddlewareHandler>;
  return (c, next) => {
    // Hono's bodyLimit starts by asking the request for its body stream, and under @hono/node-server
    // that builds a full Fetch Request (abort signal, headers, stream) the route never needed: in a
    // profile of the hot GETs it was the biggest cost of the middleware chain. A GET or HEAD has no
    // body to limit, and a declared Content-Length (Node's parser reads exactly that many bytes) is
    // decided from the header alone; only a streamed body goes through the counting middleware.
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const kind = bodyLimitKind(c.req.path);
    if (!kind) return next();
    const length = c.req.header('content-length');
    if (length !== undefined && /^\d+$/.test(length) && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > BODY_LIMITS[kind]) throw payloadTooLarge(BODY_LIMITS[kind]);
      return next();
    }
    return byKind[kind](c, next);
  };
}

import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import type { AppDeps } from '../app-env';
import { recordClick, recordOpen } from '../engagement/record-hit';
import { verifyClickToken, verifyOpenToken } from '../engagement/tracking-token';

/** A 1×1 transparent GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function clientIp(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // not served by node (tests calling app.request)
  }
}

function evidence(c: Context, deps: AppDeps) {
  return {
    method: c.req.method,
    userAgent: c.req.header('user-agent') ?? null,
    ip: clientIp(c, deps.config.trustProxy ?? false),
    purpose:
      c.req.header('sec-purpose') ??
      c.req.header('purpose') ??
      c.req.header('x-purpose') ??
      c.req.header('x-moz') ??
      null,
    at: deps.now(),
  };
}

const notFound = (c: Context) => {
  c.header('Cache-Control', 'no-store');
  return c.text('This link is not valid.', 404);
};

/**
 * Public tracking endpoints (API.md "Engagement"): no login, nothing but a redirect or a pixel. A
 * failure to record never keeps the reader from their link.
 */
export function trackingRoutes(deps: AppDeps) {
  const handleClick = async (c: Context) => {
    const target = verifyClickToken(deps.config.secretKey, c.req.param('token') ?? '');
    if (!target) return notFound(c);
    try {
      await recordClick(deps.database.db, { ...evidence(c, deps), ...target });
    } catch (err) {
      deps.log.error('click not recorded', err);
    }
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.redirect(target.url, 302);
  };
  const handleOpen = async (c: Context) => {
    const emailId = verifyOpenToken(deps.config.secretKey, c.req.param('token') ?? '');
    if (!emailId) return notFound(c);
    // A HEAD only asks whether the image exists; it loads nothing anyone sees.
    if (c.req.method === 'GET') {
      try {
        await recordOpen(deps.database.db, { ...evidence(c, deps), emailId });
      } catch (err) {
        deps.log.error('open not recorded', err);
      }
    }
    return c.body(PIXEL, 200, {
      'Content-Type': 'image/gif',
      'Cache-Control': 'no-store, private',
      'Content-Length': String(PIXEL.length),
    });
  };
  return new Hono()
    .on(['GET', 'HEAD'], '/t/c/:token', handleClick)
    .on(['GET', 'HEAD'], '/t/o/:token', handleOpen);
}

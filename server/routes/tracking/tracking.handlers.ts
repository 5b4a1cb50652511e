import type { Context } from 'hono';
import type { AppDeps } from '../../app-env';
import { followClick } from '../../domain/tracking/follow-click';
import { loadOpenPixel } from '../../domain/tracking/load-open-pixel';
import { clientAddress } from '../../http/client-address';

/** A 1×1 transparent GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** What the request says about who made it: the bot rules judge from this. */
function evidence(c: Context, deps: AppDeps) {
  return {
    method: c.req.method,
    userAgent: c.req.header('user-agent') ?? null,
    ip: clientAddress(c, deps.config.trustProxy ?? false),
    purpose:
      c.req.header('sec-purpose') ??
      c.req.header('purpose') ??
      c.req.header('x-purpose') ??
      c.req.header('x-moz') ??
      null,
    at: deps.now(),
  };
}

const notValid = (c: Context) => {
  c.header('Cache-Control', 'no-store');
  return c.text('This link is not valid.', 404);
};

export function trackingHandlers(deps: AppDeps) {
  const edges = { db: deps.database.db, secretKey: deps.config.secretKey, log: deps.log };
  const trackClick = async (c: Context) => {
    const target = await followClick(edges, c.req.param('token') ?? '', evidence(c, deps));
    if (!target) return notValid(c);
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.redirect(target.url, 302);
  };
  const trackOpen = async (c: Context) => {
    if (!(await loadOpenPixel(edges, c.req.param('token') ?? '', evidence(c, deps)))) return notValid(c);
    return c.body(PIXEL, 200, {
      'Content-Type': 'image/gif',
      'Cache-Control': 'no-store, private',
      'Content-Length': String(PIXEL.length),
    });
  };
  return { trackClick, trackOpen };
}

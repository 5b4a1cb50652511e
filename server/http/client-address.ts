import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address a request came from: the socket's peer, or the first X-Forwarded-For entry when the
 * operator says a proxy of theirs sits in front (STRIDE_TRUST_PROXY). Without that switch the header
 * is ignored, since anyone can send it.
 */
export function clientAddress(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 100);
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // not served by node (tests calling app.request)
  }
}

import { rewriteLinks } from './rewrite-links';
import { clickUrl, openPixelUrl } from './tracking-token';

export interface TrackOptions {
  emailId: string;
  trackClicks: boolean;
  trackOpens: boolean;
  trackingUrl: string;
  /** The server's own address: its unsubscribe links are never rewritten. */
  publicUrl: string;
  secretKey: Buffer;
}

const trimSlash = (u: string) => u.replace(/\/$/, '');

/**
 * The HTML part as sent: web links through the click tracker, and the open pixel when the step asks
 * for it. The plain-text part is made from the untracked HTML, so it keeps the original links.
 */
export function trackEngagement(html: string, o: TrackOptions): string {
  let out = html;
  if (o.trackClicks) {
    const unsubscribe = `${trimSlash(o.publicUrl)}/api/unsubscribe/`;
    const tracker = `${trimSlash(o.trackingUrl)}/t/`;
    out = rewriteLinks(out, {
      keep: (url) => url.startsWith(unsubscribe) || url.startsWith(tracker),
      trackedUrl: (link) =>
        clickUrl(o.trackingUrl, o.secretKey, { emailId: o.emailId, linkIndex: link.index, url: link.url }),
    }).html;
  }
  if (o.trackOpens) {
    out += `<img src="${openPixelUrl(o.trackingUrl, o.secretKey, o.emailId)}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px">`;
  }
  return out;
}

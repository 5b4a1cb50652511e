/** Profile paths LinkedIn and Sales Navigator export; company pages and posts are not a person. */
const PROFILE_PATH = /^\/(in|pub|sales\/lead|sales\/people|talent\/profile)\/[^/]+/i;

/**
 * The one form a LinkedIn profile URL is stored in: https, www.linkedin.com, no query, fragment or
 * trailing slash, and `/in/` slugs lower-cased (LinkedIn treats them case-insensitively), so the same
 * person imported from two tools compares equal. Returns null when the text is not a profile URL.
 */
export function normalizeLinkedinUrl(raw: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  if (host !== 'linkedin.com' && !host.endsWith('.linkedin.com')) return null;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const match = PROFILE_PATH.exec(url.pathname);
  if (!match) return null;
  let path = match[0];
  try {
    path = decodeURI(path);
  } catch {
    // A stray % stays as written: it still opens the same page.
  }
  if (/^\/in\//i.test(path)) path = path.toLowerCase();
  return `https://www.linkedin.com${encodeURI(path)}`;
}

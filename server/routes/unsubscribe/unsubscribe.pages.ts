import type { Context } from 'hono';
import type { AppEnv } from '../../app-env';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

/** Self-contained: no scripts, no external assets, nothing that could track whoever opens it. */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222;line-height:1.5}
button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:1px solid #444;background:#222;color:#fff;cursor:pointer}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function respond(c: Context<AppEnv>, status: 200 | 400 | 404, title: string, body: string) {
  // The token in the URL must not leak through Referer, caches or an embedding page.
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  );
  return c.html(page(title, body), status);
}

/** The unsubscribe pages, one per outcome of reading or following a link. */
export const unsubscribePages = {
  invalid: (c: Context<AppEnv>) =>
    respond(
      c,
      400,
      'This link is not valid',
      '<p>This unsubscribe link is incomplete or was changed. Use the link from the email itself.</p>',
    ),
  gone: (c: Context<AppEnv>) =>
    respond(c, 404, 'Link no longer available', '<p>The email this link came from no longer exists.</p>'),
  unsubscribed: (c: Context<AppEnv>) =>
    respond(c, 200, 'You are unsubscribed', '<p>You will not receive further emails in this series.</p>'),
  confirm: (c: Context<AppEnv>, from: string | null) => {
    const who = from ? ` from <strong>${escapeHtml(from)}</strong>` : '';
    return respond(
      c,
      200,
      'Unsubscribe',
      `<p>Stop receiving these emails${who}?</p>` +
        '<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">' +
        '<button type="submit">Unsubscribe</button></form>',
    );
  },
};

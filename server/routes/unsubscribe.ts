import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { contacts, emails, mailboxes } from '../db/schema';
import { unsubscribeContact } from '../domain/deliverability/unsubscribe-contact';
import { verifyUnsubscribeToken } from '../domain/deliverability/unsubscribe-token';
import { createRouter } from '../http/router';

const paramsSchema = z.object({ token: z.string().min(1).max(300) });
const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });
const responses = {
  200: html('The page (GET) or the confirmation (POST)'),
  400: html('The link is not valid (forged or altered): nothing changed'),
  404: html('The email this link belongs to no longer exists'),
};

const pageRoute = createRoute({
  method: 'get',
  path: '/unsubscribe/{token}',
  tags: ['unsubscribe'],
  description:
    'Shows a confirmation page with a button; a GET alone never unsubscribes (link scanners fetch URLs).',
  request: { params: paramsSchema },
  responses,
});

const unsubscribeRoute = createRoute({
  method: 'post',
  path: '/unsubscribe/{token}',
  tags: ['unsubscribe'],
  description:
    'RFC 8058 one-click (body List-Unsubscribe=One-Click) or the page’s button: marks the contact unsubscribed ' +
    'and finishes every live enrollment (reason unsubscribed). No login; repeating it is harmless.',
  request: { params: paramsSchema },
  responses,
});

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

const invalid = (c: Context<AppEnv>) =>
  respond(
    c,
    400,
    'This link is not valid',
    '<p>This unsubscribe link is incomplete or was changed. Use the link from the email itself.</p>',
  );
const gone = (c: Context<AppEnv>) =>
  respond(c, 404, 'Link no longer available', '<p>The email this link came from no longer exists.</p>');

export function unsubscribeRoutes(deps: AppDeps) {
  const { db } = deps.database;

  async function load(token: string) {
    const emailId = verifyUnsubscribeToken(deps.config.secretKey, token);
    if (!emailId) return { kind: 'invalid' as const };
    const [row] = await db
      .select({
        id: emails.id,
        teamId: emails.teamId,
        contactId: emails.contactId,
        unsubscribedAt: contacts.unsubscribedAt,
        sender: mailboxes.address,
        senderName: mailboxes.name,
      })
      .from(emails)
      .innerJoin(contacts, eq(contacts.id, emails.contactId))
      .leftJoin(mailboxes, eq(mailboxes.id, emails.mailboxId))
      .where(eq(emails.id, emailId));
    return row ? { kind: 'found' as const, email: row } : { kind: 'gone' as const };
  }

  return createRouter()
    .openapi(pageRoute, async (c) => {
      const found = await load(c.req.valid('param').token);
      if (found.kind === 'invalid') return invalid(c);
      if (found.kind === 'gone') return gone(c);
      if (found.email.unsubscribedAt) {
        return respond(
          c,
          200,
          'You are unsubscribed',
          '<p>You will not receive further emails in this series.</p>',
        );
      }
      const from = found.email.senderName ?? found.email.sender;
      const who = from ? ` from <strong>${escapeHtml(from)}</strong>` : '';
      return respond(
        c,
        200,
        'Unsubscribe',
        `<p>Stop receiving these emails${who}?</p>` +
          '<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">' +
          '<button type="submit">Unsubscribe</button></form>',
      );
    })
    .openapi(unsubscribeRoute, async (c) => {
      // Any POST with a valid token counts: RFC 8058 clients send List-Unsubscribe=One-Click, the
      // page's form sends the same, and refusing an odd body would only keep mail flowing to someone
      // who asked it to stop.
      const found = await load(c.req.valid('param').token);
      if (found.kind === 'invalid') return invalid(c);
      if (found.kind === 'gone') return gone(c);
      const { email } = found;
      await db.transaction((tx) =>
        unsubscribeContact(tx, {
          teamId: email.teamId,
          contactId: email.contactId,
          emailId: email.id,
          source: 'link',
          now: deps.now(),
        }),
      );
      return respond(
        c,
        200,
        'You are unsubscribed',
        '<p>You will not receive further emails in this series.</p>',
      );
    });
}

import { createRoute, z } from '@hono/zod-openapi';

const paramsSchema = z.object({ token: z.string().min(1).max(300) });
const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });
const responses = {
  200: html('The page (GET) or the confirmation (POST)'),
  400: html('The link is not valid (forged or altered): nothing changed'),
  404: html('The email this link belongs to no longer exists'),
};

export const getUnsubscribePage = createRoute({
  method: 'get',
  path: '/unsubscribe/{token}',
  tags: ['unsubscribe'],
  description:
    'Shows a confirmation page with a button; a GET alone never unsubscribes (link scanners fetch URLs).',
  request: { params: paramsSchema },
  responses,
});

export const unsubscribe = createRoute({
  method: 'post',
  path: '/unsubscribe/{token}',
  tags: ['unsubscribe'],
  description:
    'RFC 8058 one-click (body List-Unsubscribe=One-Click) or the page’s button: marks the contact unsubscribed ' +
    'and finishes every live enrollment (reason unsubscribed). No login; repeating it is harmless.',
  request: { params: paramsSchema },
  responses,
});

export type GetUnsubscribePageRoute = typeof getUnsubscribePage;
export type UnsubscribeRoute = typeof unsubscribe;

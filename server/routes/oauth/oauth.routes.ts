import { createRoute, z } from '@hono/zod-openapi';
import { oauthAuthorizeResultSchema } from '../../../shared/schemas/mailbox';
import { mailboxDtoSchema } from '../../domain/mailboxes/mailbox-dto';
import { errorResponses, jsonResponse } from '../../http/router';

const providerParam = z.object({ provider: z.enum(['google', 'microsoft']) });

export const startOAuthLink = createRoute({
  method: 'get',
  path: '/oauth/{provider}/authorize',
  tags: ['oauth'],
  security: [{ bearer: [] }],
  description:
    'Starts linking a Gmail (google) or Outlook (microsoft) mailbox: open `url` in a browser. The state is ' +
    'signed and expires in 10 minutes; PKCE S256 is used.',
  request: { params: providerParam, query: z.object({ loginHint: z.email().optional() }) },
  responses: {
    200: jsonResponse(oauthAuthorizeResultSchema, 'Where to send the browser'),
    503: { ...errorResponses[404], description: 'No OAuth client configured for this provider' },
    ...errorResponses,
  },
});

export const completeOAuthLink = createRoute({
  method: 'get',
  path: '/oauth/{provider}/callback',
  tags: ['oauth'],
  description:
    'Where the provider sends the browser back (no bearer: the signed state names the user). Exchanges the code, ' +
    'learns the address and creates the mailbox, or reconnects the caller’s mailbox of that address. Answers ' +
    'HTML, or JSON when the request accepts application/json.',
  request: {
    params: providerParam,
    query: z.object({
      code: z.string().max(4000).optional(),
      state: z.string().max(1000).optional(),
      error: z.string().max(200).optional(),
      error_description: z.string().max(1000).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Linked',
      content: {
        'application/json': { schema: z.object({ created: z.boolean(), mailbox: mailboxDtoSchema }) },
        'text/html': { schema: z.string() },
      },
    },
    400: { ...errorResponses[400], description: 'Invalid or expired state, refused code, unusable address' },
    409: {
      ...errorResponses[400],
      description: 'The address is linked by someone else, or as another provider',
    },
    502: { ...errorResponses[400], description: 'The provider’s token or profile endpoint failed' },
  },
});

export type StartOAuthLinkRoute = typeof startOAuthLink;
export type CompleteOAuthLinkRoute = typeof completeOAuthLink;

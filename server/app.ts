import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import type { AppDeps, AppEnv } from './app-env';
import { mountApiReference } from './http/api-reference';
import { bodyLimits } from './http/body-limit';
import { createOnError } from './http/on-error';
import { requireAuth } from './http/require-auth';
import { validationHook } from './http/validation';
import { accountRoutes } from './routes/accounts/accounts.index';
import { authRoutes } from './routes/auth/auth.index';
import { blocklistRoutes } from './routes/blocklist/blocklist.index';
import { changeRoutes } from './routes/changes/changes.index';
import { contactImportRoutes } from './routes/contact-import/contact-import.index';
import { contactRoutes } from './routes/contacts/contacts.index';
import { emailRoutes } from './routes/emails/emails.index';
import { enrollmentHistoryRoutes } from './routes/enrollment-history/enrollment-history.index';
import { enrollmentRoutes } from './routes/enrollments/enrollments.index';
import { healthRoutes } from './routes/health/health.index';
import { listRoutes } from './routes/lists/lists.index';
import { mailboxRoutes } from './routes/mailboxes/mailboxes.index';
import { oauthRoutes } from './routes/oauth/oauth.index';
import { preflightRoutes } from './routes/preflight/preflight.index';
import { schedulePreviewRoutes } from './routes/schedule-preview/schedule-preview.index';
import { sequenceRoutes } from './routes/sequences/sequences.index';
import { snippetRoutes } from './routes/snippets/snippets.index';
import { taskRoutes } from './routes/tasks/tasks.index';
import { threadRoutes } from './routes/threads/threads.index';
import { trackingRoutes } from './routes/tracking/tracking.index';
import { unsubscribeRoutes } from './routes/unsubscribe/unsubscribe.index';
import { userRoutes } from './routes/users/users.index';
import { webhookRoutes } from './routes/webhooks/webhooks.index';

/** Paths under /api that answer without a bearer token (API.md). */
const PUBLIC_API = [
  /^\/api\/auth\/login$/,
  /^\/api\/openapi\.json$/,
  /^\/api\/webhooks\//,
  /^\/api\/unsubscribe\//,
  /^\/api\/oauth\/[a-z]+\/callback$/,
];

export function createApp(deps: AppDeps) {
  const auth = requireAuth(deps);
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(createOnError(deps.log));
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404),
  );

  app.use('*', bodyLimits());
  app.use(
    '/api/*',
    cors({
      // Extension pages and workers call with their chrome-extension:// origin; no website may.
      origin: (origin) =>
        origin.startsWith('chrome-extension://') || deps.config.corsOrigins.includes(origin) ? origin : null,
      allowHeaders: ['Authorization', 'Content-Type'],
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
      maxAge: 600,
    }),
  );
  app.use('/api/*', (c, next) => (PUBLIC_API.some((re) => re.test(c.req.path)) ? next() : auth(c, next)));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  const routes = app
    .route('/', healthRoutes(deps))
    .route('/', trackingRoutes(deps))
    .route('/api/auth', authRoutes(deps))
    .route('/api', userRoutes(deps))
    .route('/api', accountRoutes(deps))
    .route('/api', contactImportRoutes(deps))
    .route('/api', contactRoutes(deps))
    .route('/api', blocklistRoutes(deps))
    .route('/api', snippetRoutes(deps))
    .route('/api', listRoutes(deps))
    .route('/api', changeRoutes(deps))
    .route('/api', sequenceRoutes(deps))
    .route('/api', enrollmentRoutes(deps))
    .route('/api', enrollmentHistoryRoutes(deps))
    .route('/api', taskRoutes(deps))
    .route('/api', emailRoutes(deps))
    .route('/api', preflightRoutes(deps))
    .route('/api', schedulePreviewRoutes(deps))
    .route('/api', threadRoutes(deps))
    .route('/api', mailboxRoutes(deps))
    .route('/api', webhookRoutes(deps))
    .route('/api', unsubscribeRoutes(deps))
    .route('/api', oauthRoutes(deps));

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Stride API', version: '1.0.0', description: 'Sequences, contacts and send guards.' },
  });
  mountApiReference(app, '/api/openapi.json');
  return routes;
}

export type AppType = ReturnType<typeof createApp>;

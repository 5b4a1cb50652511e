import { createRoute } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { loginBodySchema, loginResponseSchema, logoutResultSchema } from '../../shared/schemas/user';
import type { AppDeps } from '../app-env';
import { DUMMY_HASH, verifyPassword } from '../auth/password';
import { hashToken, newToken } from '../auth/tokens';
import { newId } from '../db/ids';
import { apiTokens, users } from '../db/schema';
import { assertMaySignIn } from '../domain/users/sign-in-rules';
import { signOut } from '../domain/users/tokens';
import { ApiError } from '../http/api-error';
import { bearerToken } from '../http/bearer-token';
import { clientAddress } from '../http/client-address';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../http/router';
import { toUserDto } from './users';

const TOKEN_TTL_MS = 90 * 24 * 3600 * 1000;

const login = createRoute({
  method: 'post',
  path: '/login',
  tags: ['auth'],
  request: { body: jsonBody(loginBodySchema) },
  responses: {
    200: jsonResponse(loginResponseSchema, 'Signed in'),
    400: errorResponses[400],
    401: errorResponses[401],
    429: { description: 'Too many failed attempts' },
  },
});

const logout = createRoute({
  method: 'post',
  path: '/logout',
  tags: ['auth'],
  security: [{ bearer: [] }],
  responses: { 200: jsonResponse(logoutResultSchema, 'The token used is revoked'), 401: errorResponses[401] },
});

export function authRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(logout, async (c) => {
      const result = await signOut({ db: deps.database.db, now: deps.now() }, c.get('user'), {
        token: bearerToken(c),
      });
      return c.json(result, 200);
    })
    .openapi(login, async (c) => {
      const { email, password } = c.req.valid('json');
      const now = deps.now();
      const admission = await deps.loginLimiter.admit(
        { address: email, client: clientAddress(c, deps.config.trustProxy ?? false) },
        now,
      );
      if (!admission.ok) {
        c.header('Retry-After', String(Math.ceil(admission.retryAfterMs / 1000)));
        throw new ApiError(429, 'too_many_attempts', 'too many failed sign-ins: wait a little and try again');
      }
      const [user] = await deps.database.db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
        .limit(1);
      // Verify against a dummy hash for unknown emails so timing does not reveal who has an account.
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok)
        throw new ApiError(401, 'invalid_credentials', 'that email and password do not match');
      admission.succeeded();
      assertMaySignIn(user);
      const token = newToken();
      await deps.database.db.insert(apiTokens).values({
        id: newId('tok'),
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + TOKEN_TTL_MS),
      });
      return c.json({ token, user: toUserDto(user) }, 200);
    });
}

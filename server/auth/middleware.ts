import { and, eq, isNull } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { AppDeps, AppEnv } from '../app-env';
import { apiTokens, users } from '../db/schema';
import { ApiError } from '../http/api-error';
import { hashToken } from './tokens';

const unauthorized = () =>
  new ApiError(401, 'unauthorized', 'sign in first: send Authorization: Bearer <token>');

export function requireAuth(deps: Pick<AppDeps, 'database' | 'now'>) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S{1,200})$/i.exec(header);
    if (!match?.[1]) throw unauthorized();
    const now = deps.now();
    const [row] = await deps.database.db
      .select({
        id: users.id,
        teamId: users.teamId,
        email: users.email,
        name: users.name,
        role: users.role,
        expiresAt: apiTokens.expiresAt,
      })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.tokenHash, hashToken(match[1])), isNull(apiTokens.revokedAt)))
      .limit(1);
    if (!row || (row.expiresAt && row.expiresAt <= now)) throw unauthorized();
    const { expiresAt: _expiresAt, ...user } = row;
    c.set('user', user);
    await next();
  });
}

export function requireAdmin(user: { role: string }): void {
  if (user.role !== 'admin') throw new ApiError(403, 'forbidden', 'only an admin can do this');
}

import { eq } from 'drizzle-orm';
import type { LoginLimiter } from '../../auth/login-limiter';
import { hashPassword, verifyPassword } from '../../auth/password';
import { users } from '../../db/schema';
import type { Actor } from '../actor';
import { type CredentialRefusal, tooManyAttempts } from '../auth/refusal';
import { invalid, notFound } from '../errors';
import { revokeTokens } from './tokens';
import type { UserDeps } from './user-deps';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
  /** The bearer token of this request: it stays valid, every other sign-in of the user is revoked. */
  token: string;
  /** The caller's address (IP), or null when unknown, for the sign-in limiter. */
  client: string | null;
}

/**
 * A user changes their own password. The current password is required, so a stolen token alone
 * cannot take the account over. Every other token is revoked (a thief signed in elsewhere is out);
 * the one used here stays valid so the person who just proved who they are is not signed out.
 * Guessing the current password here counts against the same limit as guessing it at sign-in, so a
 * stolen token cannot be used to find the password.
 */
export async function changePassword(
  { db, now, loginLimiter }: UserDeps & { loginLimiter: LoginLimiter },
  actor: Actor,
  input: ChangePasswordInput,
): Promise<{ ok: true; revokedTokens: number } | CredentialRefusal> {
  const admission = await loginLimiter.admit({ address: actor.email, client: input.client }, now);
  if (!admission.ok) {
    return tooManyAttempts('too many wrong passwords: wait a little and try again', admission.retryAfterMs);
  }
  const [user] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, actor.id));
  if (!user) throw notFound('user');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw invalid(
      'the current password is not right',
      [{ path: 'currentPassword', message: 'does not match your current password' }],
      'validation_failed',
    );
  }
  if (input.newPassword === input.currentPassword) {
    throw invalid(
      'the new password is the same as the current one',
      [{ path: 'newPassword', message: 'choose a password different from the current one' }],
      'validation_failed',
    );
  }
  const passwordHash = await hashPassword(input.newPassword);
  const revokedTokens = await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, actor.id));
    return revokeTokens(tx, actor.id, now, input.token);
  });
  admission.succeeded();
  return { ok: true, revokedTokens };
}

import { sql } from 'drizzle-orm';
import type { User } from '../../../shared/schemas/user';
import type { LoginLimiter } from '../../auth/login-limiter';
import { DUMMY_HASH, verifyPassword } from '../../auth/password';
import { hashToken, newToken } from '../../auth/tokens';
import type { Db } from '../../db/client';
import { newId } from '../../db/ids';
import { apiTokens, users } from '../../db/schema';
import { assertMaySignIn } from '../users/sign-in-rules';
import { toUserDto } from '../users/user-dto';
import { type CredentialRefusal, tooManyAttempts } from './refusal';

const TOKEN_TTL_MS = 90 * 24 * 3600 * 1000;

export interface SignInDeps {
  db: Db;
  now: Date;
  loginLimiter: LoginLimiter;
}

export interface SignInInput {
  email: string;
  password: string;
  /** The caller's address (IP), or null when unknown: the limiter counts per client too. */
  client: string | null;
}

/**
 * Email and password for a bearer token. Every attempt is counted by the limiter before the password
 * is checked. A deactivated user is told so only after the password matched.
 */
export async function signIn(
  { db, now, loginLimiter }: SignInDeps,
  input: SignInInput,
): Promise<{ ok: true; token: string; user: User } | CredentialRefusal> {
  const admission = await loginLimiter.admit({ address: input.email, client: input.client }, now);
  if (!admission.ok) {
    return tooManyAttempts('too many failed sign-ins: wait a little and try again', admission.retryAfterMs);
  }
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`)
    .limit(1);
  // Verify against a dummy hash for unknown emails so timing does not reveal who has an account.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) {
    return { ok: false, code: 'invalid_credentials', message: 'that email and password do not match' };
  }
  admission.succeeded();
  assertMaySignIn(user);
  const token = newToken();
  await db.insert(apiTokens).values({
    id: newId('tok'),
    userId: user.id,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + TOKEN_TTL_MS),
  });
  return { ok: true, token, user: toUserDto(user) };
}

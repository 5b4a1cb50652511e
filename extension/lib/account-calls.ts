import { apiErrorSchema } from '../../shared/schemas/error';
import { changePasswordResultSchema } from '../../shared/schemas/user';

export type AccountOutcome = { ok: true; message: string } | { ok: false; message: string };

const capitalise = (s: string) => (s ? s[0]?.toUpperCase() + s.slice(1) : s);

async function post(fetchImpl: typeof fetch, serverUrl: string, path: string, token: string, body?: unknown) {
  return fetchImpl(new URL(path, serverUrl).toString(), {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
}

/**
 * POST /api/auth/logout: revokes this browser's token on the server. Signing out locally happens
 * whatever the answer, so an unreachable server never keeps anyone signed in here.
 */
export async function logout(fetchImpl: typeof fetch, serverUrl: string, token: string): Promise<boolean> {
  try {
    const r = await post(fetchImpl, serverUrl, '/api/auth/logout', token);
    return r.ok || r.status === 401;
  } catch {
    return false;
  }
}

/** POST /api/me/password; every other sign-in of the user is revoked, this one stays. */
export async function changePassword(
  fetchImpl: typeof fetch,
  serverUrl: string,
  token: string,
  currentPassword: string,
  newPassword: string,
): Promise<AccountOutcome> {
  let response: Response;
  try {
    response = await post(fetchImpl, serverUrl, '/api/me/password', token, { currentPassword, newPassword });
  } catch {
    return { ok: false, message: `Can't reach the Stride server at ${serverUrl}. Try again in a moment.` };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 401)
    return { ok: false, message: 'Your sign-in has expired. Sign out and in again.' };
  if (!response.ok) {
    const envelope = apiErrorSchema.safeParse(body);
    if (!envelope.success) return { ok: false, message: `The server answered ${response.status}.` };
    const details = Array.isArray(envelope.data.error.details) ? envelope.data.error.details : [];
    const first = details[0] as { path?: string; message?: string } | undefined;
    const field =
      first?.path === 'currentPassword'
        ? 'Current password'
        : first?.path === 'newPassword'
          ? 'New password'
          : null;
    return {
      ok: false,
      message:
        field && first?.message
          ? `${field}: ${first.message}.`
          : `${capitalise(envelope.data.error.message)}.`,
    };
  }
  const parsed = changePasswordResultSchema.safeParse(body);
  const others = parsed.success ? parsed.data.revokedTokens : 0;
  return {
    ok: true,
    message:
      others > 0
        ? `Password changed. ${others === 1 ? 'One other sign-in was' : `${others} other sign-ins were`} signed out.`
        : 'Password changed.',
  };
}

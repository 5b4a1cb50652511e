import { hc } from 'hono/client';
import type { AppType } from '../../server/app';
import { apiErrorSchema } from '../../shared/schemas/error';
import { loginResponseSchema, type User } from '../../shared/schemas/user';

export type LoginOutcome = { ok: true; token: string; user: User } | { ok: false; message: string };

/** POST /api/auth/login from the options page; the token goes straight to extension storage. */
export async function login(
  fetchImpl: typeof fetch,
  serverUrl: string,
  email: string,
  password: string,
): Promise<LoginOutcome> {
  let response: Pick<Response, 'status' | 'ok' | 'json'>;
  try {
    // The one call made without a token, so not through the client core; still a typed route.
    const server = hc<AppType>(serverUrl, {
      fetch: fetchImpl,
      init: { signal: AbortSignal.timeout(10_000) },
    });
    response = await server.api.auth.login.$post({ json: { email, password } });
  } catch {
    return { ok: false, message: `Can't reach a Stride server at ${serverUrl}. Check the address.` };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 401) return { ok: false, message: "That email and password don't match." };
  if (!response.ok) {
    const envelope = apiErrorSchema.safeParse(body);
    return {
      ok: false,
      message: envelope.success ? envelope.data.error.message : `The server answered ${response.status}.`,
    };
  }
  const parsed = loginResponseSchema.safeParse(body);
  if (!parsed.success) return { ok: false, message: 'That address answered, but not like a Stride server.' };
  return { ok: true, token: parsed.data.token, user: parsed.data.user };
}

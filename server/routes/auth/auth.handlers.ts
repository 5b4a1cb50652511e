import type { AppDeps } from '../../app-env';
import { signIn } from '../../domain/auth/sign-in';
import { signOut } from '../../domain/auth/sign-out';
import { bearerToken } from '../../http/bearer-token';
import { clientAddress } from '../../http/client-address';
import type { AppRouteHandler } from '../../http/router';
import { refusalError } from './auth.errors';
import type { SignInRoute, SignOutRoute } from './auth.routes';

export function authHandlers(deps: AppDeps) {
  const { db } = deps.database;
  const signInHandler: AppRouteHandler<SignInRoute> = async (c) => {
    const result = await signIn(
      { db, now: deps.now(), loginLimiter: deps.loginLimiter },
      { ...c.req.valid('json'), client: clientAddress(c, deps.config.trustProxy ?? false) },
    );
    if (!result.ok) throw refusalError(c, result);
    return c.json({ token: result.token, user: result.user }, 200);
  };
  const signOutHandler: AppRouteHandler<SignOutRoute> = async (c) =>
    c.json(await signOut({ db, now: deps.now() }, c.get('user'), { token: bearerToken(c) }), 200);
  return { signIn: signInHandler, signOut: signOutHandler };
}

import type { AppDeps } from '../../app-env';
import { changePassword } from '../../domain/users/change-password';
import { createUser } from '../../domain/users/create-user';
import { getMe } from '../../domain/users/get-me';
import { listUsers } from '../../domain/users/list-users';
import { transferUser } from '../../domain/users/transfer-user';
import { updateUser } from '../../domain/users/update-user';
import { bearerToken } from '../../http/bearer-token';
import { clientAddress } from '../../http/client-address';
import type { AppRouteHandler } from '../../http/router';
import { refusalError } from '../auth/auth.errors';
import type {
  ChangePasswordRoute,
  CreateUserRoute,
  GetMeRoute,
  ListUsersRoute,
  TransferUserRoute,
  UpdateUserRoute,
} from './users.routes';

export function userHandlers(deps: AppDeps) {
  const { db } = deps.database;
  const createUserHandler: AppRouteHandler<CreateUserRoute> = async (c) =>
    c.json(await createUser({ db, now: deps.now() }, c.get('user'), c.req.valid('json')), 201);
  const listUsersHandler: AppRouteHandler<ListUsersRoute> = async (c) =>
    c.json(await listUsers({ db }, c.get('user'), c.req.valid('query')), 200);
  const updateUserHandler: AppRouteHandler<UpdateUserRoute> = async (c) =>
    c.json(
      await updateUser({ db, now: deps.now() }, c.get('user'), c.req.valid('param').id, c.req.valid('json')),
      200,
    );
  const transferUserHandler: AppRouteHandler<TransferUserRoute> = async (c) =>
    c.json(
      await transferUser(
        { db, now: deps.now() },
        c.get('user'),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    );
  const changePasswordHandler: AppRouteHandler<ChangePasswordRoute> = async (c) => {
    const result = await changePassword(
      { db, now: deps.now(), loginLimiter: deps.loginLimiter },
      c.get('user'),
      {
        ...c.req.valid('json'),
        token: bearerToken(c),
        client: clientAddress(c, deps.config.trustProxy ?? false),
      },
    );
    if (!result.ok) throw refusalError(c, result);
    return c.json({ revokedTokens: result.revokedTokens }, 200);
  };
  const getMeHandler: AppRouteHandler<GetMeRoute> = (c) => c.json(getMe(c.get('user')), 200);
  return {
    createUser: createUserHandler,
    listUsers: listUsersHandler,
    updateUser: updateUserHandler,
    transferUser: transferUserHandler,
    changePassword: changePasswordHandler,
    getMe: getMeHandler,
  };
}

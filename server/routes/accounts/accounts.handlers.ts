import type { AppDeps } from '../../app-env';
import { createAccount } from '../../domain/accounts/create-account';
import { getAccount } from '../../domain/accounts/get-account';
import { listAccounts } from '../../domain/accounts/list-accounts';
import { updateAccount } from '../../domain/accounts/update-account';
import type { AppRouteHandler } from '../../http/router';
import type {
  CreateAccountRoute,
  GetAccountRoute,
  ListAccountsRoute,
  UpdateAccountRoute,
} from './accounts.routes';

export function accountHandlers(deps: AppDeps) {
  const { db } = deps.database;
  const createAccountHandler: AppRouteHandler<CreateAccountRoute> = async (c) =>
    c.json(await createAccount({ db, now: deps.now() }, c.get('user'), c.req.valid('json')), 201);
  const updateAccountHandler: AppRouteHandler<UpdateAccountRoute> = async (c) =>
    c.json(
      await updateAccount(
        { db, now: deps.now() },
        c.get('user'),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    );
  const getAccountHandler: AppRouteHandler<GetAccountRoute> = async (c) =>
    c.json(await getAccount({ db }, c.get('user'), c.req.valid('param').id), 200);
  const listAccountsHandler: AppRouteHandler<ListAccountsRoute> = async (c) =>
    c.json(await listAccounts({ db }, c.get('user'), c.req.valid('query')), 200);
  return {
    createAccount: createAccountHandler,
    updateAccount: updateAccountHandler,
    getAccount: getAccountHandler,
    listAccounts: listAccountsHandler,
  };
}

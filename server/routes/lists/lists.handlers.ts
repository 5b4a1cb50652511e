import type { AppDeps } from '../../app-env';
import { addListMembers } from '../../domain/lists/add-list-members';
import { createList } from '../../domain/lists/create-list';
import { getList } from '../../domain/lists/get-list';
import { listListMembers } from '../../domain/lists/list-list-members';
import { listLists } from '../../domain/lists/list-lists';
import { removeListMembers } from '../../domain/lists/remove-list-members';
import { renameList } from '../../domain/lists/rename-list';
import type { AppRouteHandler } from '../../http/router';
import type {
  AddListMembersRoute,
  CreateListRoute,
  GetListRoute,
  ListListMembersRoute,
  ListListsRoute,
  RemoveListMembersRoute,
  RenameListRoute,
} from './lists.routes';

export function listHandlers(deps: AppDeps) {
  const { db } = deps.database;
  const createListHandler: AppRouteHandler<CreateListRoute> = async (c) =>
    c.json(await createList({ db, now: deps.now() }, c.get('user'), c.req.valid('json')), 201);
  const listListsHandler: AppRouteHandler<ListListsRoute> = async (c) =>
    c.json(await listLists({ db }, c.get('user'), c.req.valid('query')), 200);
  const getListHandler: AppRouteHandler<GetListRoute> = async (c) =>
    c.json(await getList({ db }, c.get('user'), c.req.valid('param').id), 200);
  const addListMembersHandler: AppRouteHandler<AddListMembersRoute> = async (c) =>
    c.json(
      await addListMembers({ db }, c.get('user'), c.req.valid('param').id, c.req.valid('json').contactIds),
      200,
    );
  const listListMembersHandler: AppRouteHandler<ListListMembersRoute> = async (c) =>
    c.json(await listListMembers({ db }, c.get('user'), c.req.valid('param').id, c.req.valid('query')), 200);
  const renameListHandler: AppRouteHandler<RenameListRoute> = async (c) =>
    c.json(await renameList({ db }, c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
  const removeListMembersHandler: AppRouteHandler<RemoveListMembersRoute> = async (c) =>
    c.json(
      await removeListMembers({ db }, c.get('user'), c.req.valid('param').id, c.req.valid('json').contactIds),
      200,
    );
  return {
    renameList: renameListHandler,
    removeListMembers: removeListMembersHandler,
    createList: createListHandler,
    listLists: listListsHandler,
    getList: getListHandler,
    addListMembers: addListMembersHandler,
    listListMembers: listListMembersHandler,
  };
}

import type { AppDeps } from '../../app-env';
import { createSnippet } from '../../domain/snippets/create-snippet';
import { deleteSnippet } from '../../domain/snippets/delete-snippet';
import { getSnippet } from '../../domain/snippets/get-snippet';
import { listSnippets } from '../../domain/snippets/list-snippets';
import { patchSnippet } from '../../domain/snippets/patch-snippet';
import type { AppRouteHandler } from '../../http/router';
import type {
  CreateSnippetRoute,
  DeleteSnippetRoute,
  GetSnippetRoute,
  ListSnippetsRoute,
  PatchSnippetRoute,
} from './snippets.routes';

export function snippetHandlers(deps: AppDeps) {
  const { db } = deps.database;
  const createSnippetHandler: AppRouteHandler<CreateSnippetRoute> = async (c) =>
    c.json(await createSnippet({ db, now: deps.now() }, c.get('user'), c.req.valid('json')), 201);
  const listSnippetsHandler: AppRouteHandler<ListSnippetsRoute> = async (c) =>
    c.json(await listSnippets({ db }, c.get('user'), c.req.valid('query')), 200);
  const getSnippetHandler: AppRouteHandler<GetSnippetRoute> = async (c) =>
    c.json(await getSnippet({ db }, c.get('user'), c.req.valid('param').id), 200);
  const patchSnippetHandler: AppRouteHandler<PatchSnippetRoute> = async (c) =>
    c.json(
      await patchSnippet(
        { db, now: deps.now() },
        c.get('user'),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    );
  const deleteSnippetHandler: AppRouteHandler<DeleteSnippetRoute> = async (c) => {
    await deleteSnippet({ db }, c.get('user'), c.req.valid('param').id);
    return c.body(null, 204);
  };
  return {
    createSnippet: createSnippetHandler,
    listSnippets: listSnippetsHandler,
    getSnippet: getSnippetHandler,
    patchSnippet: patchSnippetHandler,
    deleteSnippet: deleteSnippetHandler,
  };
}

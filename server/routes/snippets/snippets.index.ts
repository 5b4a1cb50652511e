import type { AppDeps } from '../../app-env';
import { createRouter } from '../../http/router';
import { snippetHandlers } from './snippets.handlers';
import * as r from './snippets.routes';

export function snippetRoutes(deps: AppDeps) {
  const h = snippetHandlers(deps);
  return createRouter()
    .openapi(r.createSnippet, h.createSnippet)
    .openapi(r.listSnippets, h.listSnippets)
    .openapi(r.getSnippet, h.getSnippet)
    .openapi(r.patchSnippet, h.patchSnippet)
    .openapi(r.deleteSnippet, h.deleteSnippet);
}

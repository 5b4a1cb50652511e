import { createRoute, z } from '@hono/zod-openapi';
import { idParamSchema } from '../../../shared/schemas/common';
import { apiErrorSchema } from '../../../shared/schemas/error';
import { createSnippetSchema, patchSnippetSchema, snippetDtoSchema } from '../../../shared/schemas/snippet';
import { listRoute } from '../../http/list-route';
import { errorResponses, jsonBody, jsonResponse } from '../../http/router';

const conflictResponse = jsonResponse(apiErrorSchema, 'The team already has a snippet of this name');
const tags = ['snippets'];
const security = [{ bearer: [] }];

export const createSnippet = createRoute({
  method: 'post',
  path: '/snippets',
  tags,
  security,
  description:
    'Templates include a snippet as `{{snippet.NAME}}`; names are unique in the team and case-sensitive. ' +
    'The body is checked like a template: problems answer 400 with their positions in `details`.',
  request: { body: jsonBody(createSnippetSchema) },
  responses: { 201: jsonResponse(snippetDtoSchema, 'Created'), 409: conflictResponse, ...errorResponses },
});

export const listSnippets = listRoute({
  path: '/snippets',
  tags,
  item: snippetDtoSchema,
  holds: "The team's snippets",
  filters: { name: z.string().max(100).optional() },
});

export const getSnippet = createRoute({
  method: 'get',
  path: '/snippets/{id}',
  tags,
  security,
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(snippetDtoSchema, 'The snippet'), ...errorResponses },
});

export const patchSnippet = createRoute({
  method: 'patch',
  path: '/snippets/{id}',
  tags,
  security,
  description: 'Its owner or an admin may change it. Renaming breaks templates that use the old name.',
  request: { params: idParamSchema, body: jsonBody(patchSnippetSchema) },
  responses: { 200: jsonResponse(snippetDtoSchema, 'The snippet'), 409: conflictResponse, ...errorResponses },
});

export const deleteSnippet = createRoute({
  method: 'delete',
  path: '/snippets/{id}',
  tags,
  security,
  description:
    'Its owner or an admin may delete it; sends whose template still uses it stop as missing_snippet.',
  request: { params: idParamSchema },
  responses: { 204: { description: 'Deleted' }, ...errorResponses },
});

export type CreateSnippetRoute = typeof createSnippet;
export type ListSnippetsRoute = typeof listSnippets;
export type GetSnippetRoute = typeof getSnippet;
export type PatchSnippetRoute = typeof patchSnippet;
export type DeleteSnippetRoute = typeof deleteSnippet;

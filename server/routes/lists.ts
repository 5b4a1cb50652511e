import { createRoute } from '@hono/zod-openapi';
import { and, asc, eq, getTableColumns, gt, inArray, sql } from 'drizzle-orm';
import { idParamSchema, pageOf } from '../../shared/schemas/common';
import { contactSchema } from '../../shared/schemas/contact';
import {
  addListMembersResultSchema,
  addListMembersSchema,
  type ContactList,
  createListSchema,
  listSchema,
} from '../../shared/schemas/list';
import type { AppDeps, AuthUser } from '../app-env';
import { visibleContacts } from '../auth/access';
import type { Db } from '../db/client';
import { newId } from '../db/ids';
import { contacts, listMembers, lists } from '../db/schema';
import { toContactDto } from '../domain/contacts/contact-dto';
import { notFound } from '../http/api-error';
import { pageQuerySchema, toPage } from '../http/pagination';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../http/router';

const tags = ['lists'];
const security = [{ bearer: [] }];

const createListRoute = createRoute({
  method: 'post',
  path: '/lists',
  tags,
  security,
  description: 'Lists are shared by the team: every member sees them and may add contacts they can see.',
  request: { body: jsonBody(createListSchema) },
  responses: { 201: jsonResponse(listSchema, 'Created'), ...errorResponses },
});

const listListsRoute = createRoute({
  method: 'get',
  path: '/lists',
  tags,
  security,
  request: { query: pageQuerySchema },
  responses: { 200: jsonResponse(pageOf(listSchema), "The team's lists"), ...errorResponses },
});

const getListRoute = createRoute({
  method: 'get',
  path: '/lists/{id}',
  tags,
  security,
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(listSchema, 'The list'), ...errorResponses },
});

const addMembersRoute = createRoute({
  method: 'post',
  path: '/lists/{id}/members',
  tags,
  security,
  description: 'Adds contacts; ids already on the list are counted, unknown or hidden ones are returned.',
  request: { params: idParamSchema, body: jsonBody(addListMembersSchema) },
  responses: { 200: jsonResponse(addListMembersResultSchema, 'What was added'), ...errorResponses },
});

const listMembersRoute = createRoute({
  method: 'get',
  path: '/lists/{id}/members',
  tags,
  security,
  description: 'The members the caller may see, as contacts ordered by id.',
  request: { params: idParamSchema, query: pageQuerySchema },
  responses: { 200: jsonResponse(pageOf(contactSchema), 'Contacts on the list'), ...errorResponses },
});

type ListRow = typeof lists.$inferSelect;

/** Members the caller may see. Qualified by hand: drizzle leaves columns bare inside a select list. */
function memberCount(user: AuthUser) {
  return sql<number>`(select count(*)::int from ${listMembers} join ${contacts} on ${contacts}.id = ${listMembers}.contact_id where ${listMembers}.list_id = ${lists}.id and ${visibleContacts(user)})`;
}

const toListDto = (r: ListRow & { memberCount: number }): ContactList => ({
  id: r.id,
  name: r.name,
  ownerId: r.ownerId,
  memberCount: Number(r.memberCount),
  createdAt: r.createdAt.toISOString(),
});

async function loadList(db: Db, user: AuthUser, id: string) {
  const [row] = await db
    .select({ ...getTableColumns(lists), memberCount: memberCount(user) })
    .from(lists)
    .where(and(eq(lists.teamId, user.teamId), eq(lists.id, id)));
  if (!row) throw notFound('list');
  return row;
}

export function listRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(createListRoute, async (c) => {
      const user = c.get('user');
      const now = deps.now();
      const [row] = await db
        .insert(lists)
        .values({
          id: newId('lst', now.getTime()),
          teamId: user.teamId,
          ownerId: user.id,
          name: c.req.valid('json').name,
          createdAt: now,
        })
        .returning();
      if (!row) throw new Error('insert returned no row');
      return c.json(toListDto({ ...row, memberCount: 0 }), 201);
    })
    .openapi(listListsRoute, async (c) => {
      const user = c.get('user');
      const q = c.req.valid('query');
      const rows = await db
        .select({ ...getTableColumns(lists), memberCount: memberCount(user) })
        .from(lists)
        .where(and(eq(lists.teamId, user.teamId), q.cursor ? gt(lists.id, q.cursor) : undefined))
        .orderBy(asc(lists.id))
        .limit(q.limit + 1);
      const page = toPage(rows, q.limit);
      return c.json({ ...page, items: page.items.map(toListDto) }, 200);
    })
    .openapi(getListRoute, async (c) => {
      const row = await loadList(db, c.get('user'), c.req.valid('param').id);
      return c.json(toListDto(row), 200);
    })
    .openapi(addMembersRoute, async (c) => {
      const user = c.get('user');
      const list = await loadList(db, user, c.req.valid('param').id);
      const ids = [...new Set(c.req.valid('json').contactIds)];
      const visible = new Set<string>();
      for (let i = 0; i < ids.length; i += 1000) {
        const rows = await db
          .select({ id: contacts.id })
          .from(contacts)
          .where(and(inArray(contacts.id, ids.slice(i, i + 1000)), visibleContacts(user)));
        for (const r of rows) visible.add(r.id);
      }
      const toAdd = ids.filter((id) => visible.has(id));
      let added = 0;
      for (let i = 0; i < toAdd.length; i += 1000) {
        const inserted = await db
          .insert(listMembers)
          .values(toAdd.slice(i, i + 1000).map((contactId) => ({ listId: list.id, contactId })))
          .onConflictDoNothing()
          .returning({ contactId: listMembers.contactId });
        added += inserted.length;
      }
      const notFoundIds = ids.filter((id) => !visible.has(id));
      return c.json({ added, alreadyMembers: toAdd.length - added, notFound: notFoundIds }, 200);
    })
    .openapi(listMembersRoute, async (c) => {
      const user = c.get('user');
      const list = await loadList(db, user, c.req.valid('param').id);
      const q = c.req.valid('query');
      const rows = await db
        .select(getTableColumns(contacts))
        .from(listMembers)
        .innerJoin(contacts, eq(contacts.id, listMembers.contactId))
        .where(
          and(
            eq(listMembers.listId, list.id),
            visibleContacts(user),
            q.cursor ? gt(contacts.id, q.cursor) : undefined,
          ),
        )
        .orderBy(asc(contacts.id))
        .limit(q.limit + 1);
      const page = toPage(rows, q.limit);
      return c.json({ ...page, items: page.items.map(toContactDto) }, 200);
    });
}

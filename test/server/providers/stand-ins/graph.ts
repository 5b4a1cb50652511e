import { type Context, Hono } from 'hono';
import { graphErrors, microsoftTokenErrors } from '../../../fixtures/providers/error-bodies';
import type { MimePart } from '../helpers/parse-mime';
import { bearerToken, checkMime, providerId } from './checks';
import { graphMailbox } from './graph-mailbox';
import { type ScriptedResponse, scripted } from './serve';

export interface GraphMessage {
  id: string;
  internetMessageId: string;
  conversationId: string;
  mime: MimePart;
  /** The message this draft answers, when made by createReply. */
  replyTo?: string;
  sent: boolean;
}

export interface GraphStandInState {
  accessTokens: Set<string>;
  refreshToken: string;
  messages: Map<string, GraphMessage>;
  /** Every call as "METHOD path", to check the two-step create + send order. */
  calls: string[];
  tokenRequests: URLSearchParams[];
  problems: string[];
  createScript: ScriptedResponse[];
  sendScript: ScriptedResponse[];
}

function problem(state: GraphStandInState, text: string): Response {
  state.problems.push(text);
  return Response.json({ error: { code: 'BadRequest', message: `stand-in: ${text}` } }, { status: 400 });
}

/**
 * Microsoft Graph mail: create draft from MIME (POST /v1.0/me/messages, text/plain base64),
 * createReply from MIME, send (202, empty), Sent Items filtered by internetMessageId, and the
 * Microsoft identity token endpoint. Checks the Bearer token, the `Prefer: IdType="ImmutableId"`
 * header, the base64 MIME body and that it is our complete message, that /send names an
 * existing unsent draft, and the `$filter=internetMessageId eq '…'` form.
 */
export function createGraphStandIn(initial: { accessToken: string; refreshToken: string }) {
  const state: GraphStandInState = {
    accessTokens: new Set([initial.accessToken]),
    refreshToken: initial.refreshToken,
    messages: new Map(),
    calls: [],
    tokenRequests: [],
    problems: [],
    createScript: [],
    sendScript: [],
  };
  const app = new Hono();

  app.use('/v1.0/*', async (c, next) => {
    state.calls.push(`${c.req.method} ${c.req.path}`);
    const token = bearerToken(c.req.header('authorization'));
    if (!token || !state.accessTokens.has(token)) return c.json(graphErrors.invalidAuthenticationToken, 401);
    if (!c.req.header('prefer')?.split(/,\s*/).includes('IdType="ImmutableId"'))
      return problem(state, 'Prefer: IdType="ImmutableId" missing');
    await next();
  });

  async function draftFrom(c: Context, replyTo?: GraphMessage): Promise<Response> {
    if (c.req.header('content-type') !== 'text/plain')
      return problem(state, 'MIME drafts need Content-Type text/plain');
    const body = await c.req.text();
    if (!/^[A-Za-z0-9+/]+=*$/.test(body)) return problem(state, 'body is not base64');
    const { mime, problems } = checkMime(Buffer.from(body, 'base64').toString('utf8'));
    if (problems.length) return problem(state, problems.join('; '));
    const next = state.createScript.shift();
    if (next) return scripted(next);
    const message: GraphMessage = {
      id: providerId('AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A'),
      internetMessageId: mime.header('message-id')!,
      conversationId: replyTo?.conversationId ?? providerId('AAQkAGI2'),
      mime,
      sent: false,
      ...(replyTo ? { replyTo: replyTo.id } : {}),
    };
    state.messages.set(message.id, message);
    return c.json(
      {
        id: message.id,
        internetMessageId: message.internetMessageId,
        conversationId: message.conversationId,
        isDraft: true,
        subject: mime.header('subject'),
      },
      201,
    );
  }

  const mailbox = graphMailbox(app, (text) => problem(state, text));

  app.post('/v1.0/me/messages', (c) => draftFrom(c));

  app.post('/v1.0/me/messages/:id/createReply', (c) => {
    const original = state.messages.get(c.req.param('id'));
    if (!original?.sent) return c.json(graphErrors.itemNotFound, 404);
    return draftFrom(c, original);
  });

  app.post('/v1.0/me/messages/:id/send', async (c) => {
    if ((await c.req.text()) !== '') return problem(state, '/send takes no body');
    const draft = state.messages.get(c.req.param('id'));
    if (!draft || draft.sent) return c.json(graphErrors.itemNotFound, 404);
    const next = state.sendScript.shift();
    if (next) return scripted(next);
    draft.sent = true;
    return c.body(null, 202);
  });

  app.get('/v1.0/me/mailFolders/sentitems/messages', (c) => {
    const filter = c.req.query('$filter') ?? '';
    const match = /^internetMessageId eq '((?:[^']|'')*)'$/.exec(filter);
    if (!match) return problem(state, `unexpected $filter ${filter}`);
    const wanted = match[1]!.replaceAll("''", "'");
    const value = [...state.messages.values()]
      .filter((m) => m.sent && m.internetMessageId === wanted)
      .map((m) => ({ id: m.id, internetMessageId: m.internetMessageId }));
    return c.json({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#messages(id,internetMessageId)',
      value,
    });
  });

  app.post('/token', async (c) => {
    const form = new URLSearchParams(await c.req.text());
    state.tokenRequests.push(form);
    if (form.get('grant_type') !== 'refresh_token') return problem(state, 'grant_type is not refresh_token');
    if (form.get('refresh_token') !== state.refreshToken)
      return c.json(microsoftTokenErrors.invalidGrant, 400);
    // Microsoft rotates the refresh token on every use.
    state.refreshToken = providerId('M.C5');
    const accessToken = providerId('EwBwA8');
    state.accessTokens.add(accessToken);
    return c.json({
      token_type: 'Bearer',
      scope: 'https://graph.microsoft.com/Mail.Send https://graph.microsoft.com/Mail.ReadWrite',
      expires_in: 3600,
      ext_expires_in: 3600,
      access_token: accessToken,
      refresh_token: state.refreshToken,
    });
  });

  return { app, state, mailbox };
}

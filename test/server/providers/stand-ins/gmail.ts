import { Hono } from 'hono';
import { gmailErrors, googleTokenErrors } from '../../../fixtures/providers/error-bodies';
import type { MimePart } from '../helpers/parse-mime';
import { bearerToken, checkMime, providerId } from './checks';
import { gmailMailbox } from './gmail-mailbox';
import { type ScriptedResponse, scripted } from './serve';

export const GOOGLE_CLIENT = { id: 'stride-test.apps.googleusercontent.com', secret: 'GOCSPX-stand-in' };

export interface GmailSent {
  id: string;
  threadId: string;
  raw: string;
  mime: MimePart;
  token: string;
}

export interface GmailStandInState {
  accessTokens: Set<string>;
  refreshToken: string;
  sent: GmailSent[];
  sendAttempts: number;
  tokenRequests: URLSearchParams[];
  /** Requests that broke the documented contract: every test expects this to stay empty. */
  problems: string[];
  /** Answers for the next send calls (after the request checks), in order. */
  sendScript: ScriptedResponse[];
  listScript: ScriptedResponse[];
  /** Holds each send this long after accepting it, to let a client give up mid-request. */
  sendDelayMs: number;
}

function problem(state: GmailStandInState, text: string): Response {
  state.problems.push(text);
  return Response.json(
    { error: { code: 400, message: `stand-in: ${text}`, status: 'INVALID_ARGUMENT' } },
    { status: 400 },
  );
}

/**
 * Gmail API users.messages.send / users.messages.list and Google's OAuth token endpoint; the reading
 * calls of mailbox sync are in gmail-mailbox.ts.
 * Checks: POST path and method, Bearer token, JSON body with only `raw` (base64url) and
 * `threadId`, that `raw` decodes to our complete MIME, that a threadId names a known thread,
 * `q=rfc822msgid:` on list, and the refresh_token form (grant type, client id and secret).
 */
export function createGmailStandIn(initial: { accessToken: string; refreshToken: string }) {
  const state: GmailStandInState = {
    accessTokens: new Set([initial.accessToken]),
    refreshToken: initial.refreshToken,
    sent: [],
    sendAttempts: 0,
    tokenRequests: [],
    problems: [],
    sendScript: [],
    listScript: [],
    sendDelayMs: 0,
  };
  const app = new Hono();

  const authorized = (header: string | undefined) => {
    const token = bearerToken(header);
    return token && state.accessTokens.has(token) ? token : undefined;
  };
  const mailbox = gmailMailbox(app, { authorized, problem: (text) => problem(state, text) });

  app.post('/gmail/v1/users/me/messages/send', async (c) => {
    state.sendAttempts += 1;
    const token = authorized(c.req.header('authorization'));
    if (!token) return c.json(gmailErrors.unauthenticated, 401);
    if (!c.req.header('content-type')?.startsWith('application/json'))
      return problem(state, 'content-type is not JSON');
    const body = (await c.req.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!body || typeof body.raw !== 'string') return problem(state, 'body has no raw string');
    const extra = Object.keys(body).filter((key) => key !== 'raw' && key !== 'threadId');
    if (extra.length) return problem(state, `unexpected fields ${extra.join(', ')}`);
    if (!/^[A-Za-z0-9_-]+=*$/.test(body.raw)) return problem(state, 'raw is not base64url');
    const raw = Buffer.from(body.raw, 'base64url').toString('utf8');
    const { mime, problems } = checkMime(raw);
    if (problems.length) return problem(state, problems.join('; '));
    const next = state.sendScript.shift();
    if (next) return scripted(next);
    const threadId = body.threadId;
    if (
      threadId !== undefined &&
      (typeof threadId !== 'string' || !state.sent.some((m) => m.threadId === threadId))
    ) {
      return c.json(gmailErrors.threadNotFound, 404);
    }
    const id = providerId('18f');
    const sent = { id, threadId: (threadId as string | undefined) ?? id, raw, mime, token };
    state.sent.push(sent);
    // The sent copy is in the mailbox too: a reader must skip it, not take it for an answer.
    mailbox.deliver(raw, { at: new Date(), labelIds: ['SENT'], threadId: sent.threadId });
    if (state.sendDelayMs) await new Promise((resolve) => setTimeout(resolve, state.sendDelayMs));
    return c.json({ id, threadId: sent.threadId, labelIds: ['SENT'] });
  });

  app.get('/gmail/v1/users/me/messages', (c) => {
    const q = c.req.query('q') ?? '';
    if (!q.startsWith('rfc822msgid:')) return mailbox.listByDate(c, q);
    if (!authorized(c.req.header('authorization'))) return c.json(gmailErrors.unauthenticated, 401);
    const wanted = /^rfc822msgid:(\S+)$/.exec(q)?.[1];
    if (!wanted) return problem(state, `list query is not rfc822msgid: ${q}`);
    const next = state.listScript.shift();
    if (next) return scripted(next);
    const matches = state.sent.filter((m) => m.mime.header('message-id')?.replace(/^<|>$/g, '') === wanted);
    if (matches.length === 0) return c.json({ resultSizeEstimate: 0 });
    return c.json({
      messages: matches.map((m) => ({ id: m.id, threadId: m.threadId })),
      resultSizeEstimate: matches.length,
    });
  });

  app.post('/token', async (c) => {
    if (c.req.header('content-type') !== 'application/x-www-form-urlencoded') {
      return problem(state, 'token request is not form-encoded');
    }
    const form = new URLSearchParams(await c.req.text());
    state.tokenRequests.push(form);
    if (form.get('grant_type') !== 'refresh_token') return problem(state, 'grant_type is not refresh_token');
    if (form.get('client_id') !== GOOGLE_CLIENT.id || form.get('client_secret') !== GOOGLE_CLIENT.secret) {
      return c.json({ error: 'invalid_client', error_description: 'The OAuth client was not found.' }, 401);
    }
    if (form.get('refresh_token') !== state.refreshToken) return c.json(googleTokenErrors.invalidGrant, 400);
    const accessToken = `ya29.${providerId('refreshed')}`;
    state.accessTokens.add(accessToken);
    return c.json({
      access_token: accessToken,
      expires_in: 3599,
      scope: 'https://www.googleapis.com/auth/gmail.send https://www.googleapis.com/auth/gmail.readonly',
      token_type: 'Bearer',
    });
  });

  return { app, state, mailbox };
}

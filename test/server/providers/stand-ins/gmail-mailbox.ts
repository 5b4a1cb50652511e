import type { Context, Hono } from 'hono';
import { gmailErrors } from '../../../fixtures/providers/error-bodies';
import { providerId } from './checks';
import { type ScriptedResponse, scripted } from './serve';

export interface GmailStoredMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  /** The RFC 5322 text as delivered. */
  raw: string;
  internalDate: number;
  historyId: number;
}

export interface GmailMailboxState {
  address: string;
  messages: GmailStoredMessage[];
  /** The mailbox's current history record id; every added message takes the next one. */
  historyId: number;
  /** History before this id has expired: a startHistoryId below it answers 404, as Gmail does after about a week. */
  historyFloor: number;
  /** Upper bound on records (or listed messages) per page, below the client's maxResults. */
  pageSize: number;
  /** Each page after the first repeats the previous page's records (Gmail may return a record twice). */
  duplicatePages: boolean;
  /** Pages come newest first: the cursor must not assume history arrives in order. */
  reversePages: boolean;
  /** Answers for the next reading calls (profile, history, list by date, get), after the auth check. */
  readScript: ScriptedResponse[];
  /** Every reading call's path and query, in order. */
  reads: string[];
  /** "Send mail as" addresses besides the primary one (users.settings.sendAs.list). */
  sendAs: string[];
}

interface PageToken {
  key: string;
  position: number;
}

function encodeToken(t: PageToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}
function decodeToken(token: string | undefined): PageToken | undefined {
  if (!token) return undefined;
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PageToken;
  } catch {
    return undefined;
  }
}

/**
 * The reading half of the Gmail stand-in: users.getProfile, users.history.list, messages.list by date
 * and messages.get?format=raw, in the documented shapes (empty lists are left out, ids are strings,
 * raw is base64url, internalDate is epoch milliseconds as a string), with opaque page tokens.
 */
export function gmailMailbox(
  app: Hono,
  ctx: {
    authorized: (header: string | undefined) => string | undefined;
    problem: (text: string) => Response;
  },
) {
  const state: GmailMailboxState = {
    address: 'rep@stride-gmail.test',
    messages: [],
    historyId: 1000,
    historyFloor: 0,
    pageSize: 500,
    duplicatePages: false,
    reversePages: false,
    readScript: [],
    reads: [],
    sendAs: [],
  };

  /** Splits items into pages and serves the one a token names, with the page knobs applied. */
  function page<T>(items: T[], maxResults: string | undefined, token: PageToken | undefined, key: string) {
    const size = Math.max(1, Math.min(Number(maxResults) || 100, 500, state.pageSize));
    const chunks: T[][] = [];
    for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
    const order = chunks.map((_, i) => i);
    if (state.reversePages) order.reverse();
    const position = token?.position ?? 0;
    const index = order[position];
    const current = index === undefined ? [] : (chunks[index] ?? []);
    const previous = position > 0 ? chunks[order[position - 1] as number] : undefined;
    const served = state.duplicatePages && previous ? [...previous, ...current] : current;
    const nextPageToken =
      position + 1 < order.length ? encodeToken({ key, position: position + 1 }) : undefined;
    return { served, nextPageToken };
  }

  function gate(c: Context): Response | undefined {
    state.reads.push(c.req.url.replace(/^https?:\/\/[^/]+/, ''));
    if (!ctx.authorized(c.req.header('authorization'))) return c.json(gmailErrors.unauthenticated, 401);
    const next = state.readScript.shift();
    return next ? scripted(next) : undefined;
  }

  app.get('/gmail/v1/users/me/profile', (c) => {
    const stop = gate(c);
    if (stop) return stop;
    return c.json({
      emailAddress: state.address,
      messagesTotal: state.messages.length,
      threadsTotal: new Set(state.messages.map((m) => m.threadId)).size,
      historyId: String(state.historyId),
    });
  });

  // users.settings.sendAs.list, in the documented shape: the primary address first, then the aliases.
  // Outside `gate` on purpose: it neither counts as a mail read nor takes the scripted answers.
  app.get('/gmail/v1/users/me/settings/sendAs', (c) => {
    if (!ctx.authorized(c.req.header('authorization'))) return c.json(gmailErrors.unauthenticated, 401);
    return c.json({
      sendAs: [
        {
          sendAsEmail: state.address,
          displayName: '',
          replyToAddress: '',
          signature: '',
          isPrimary: true,
          isDefault: true,
        },
        ...state.sendAs.map((sendAsEmail) => ({
          sendAsEmail,
          displayName: 'Sales',
          replyToAddress: '',
          signature: '',
          isDefault: false,
          treatAsAlias: true,
          verificationStatus: 'accepted',
        })),
      ],
    });
  });

  app.get('/gmail/v1/users/me/history', (c) => {
    const stop = gate(c);
    if (stop) return stop;
    const start = c.req.query('startHistoryId');
    if (!start || !/^\d+$/.test(start)) return ctx.problem('history.list without a numeric startHistoryId');
    const types = c.req.queries('historyTypes') ?? [];
    if (types.length !== 1 || types[0] !== 'messageAdded') {
      return ctx.problem(`historyTypes is not messageAdded: ${types.join(',')}`);
    }
    if (c.req.query('labelId') !== undefined)
      return ctx.problem('history.list filtered by label misses spam');
    if (Number(start) < state.historyFloor) return c.json(gmailErrors.notFound, 404);
    const token = decodeToken(c.req.query('pageToken'));
    const key = `history:${start}`;
    if (c.req.query('pageToken') && token?.key !== key) return c.json(gmailErrors.invalidPageToken, 400);
    const records = state.messages
      .filter((m) => m.historyId > Number(start))
      .sort((a, b) => a.historyId - b.historyId)
      .map((m) => ({
        id: String(m.historyId),
        messages: [{ id: m.id, threadId: m.threadId }],
        messagesAdded: [{ message: { id: m.id, threadId: m.threadId, labelIds: m.labelIds } }],
      }));
    const { served, nextPageToken } = page(records, c.req.query('maxResults'), token, key);
    return c.json({
      ...(served.length > 0 && { history: served }),
      ...(nextPageToken && { nextPageToken }),
      historyId: String(state.historyId),
    });
  });

  /** messages.list by date (the rescan after an expired historyId); rfc822msgid lookups stay in gmail.ts. */
  function listByDate(c: Context, q: string): Response {
    const stop = gate(c);
    if (stop) return stop;
    const after = /^after:(\d+)$/.exec(q)?.[1];
    if (!after) return ctx.problem(`list query is neither rfc822msgid: nor after:<epoch seconds>: ${q}`);
    if (c.req.query('includeSpamTrash') !== 'true') return ctx.problem('rescan leaves out spam and trash');
    const token = decodeToken(c.req.query('pageToken'));
    const key = `list:${after}`;
    if (c.req.query('pageToken') && token?.key !== key) return c.json(gmailErrors.invalidPageToken, 400);
    // Newest first, as Gmail lists.
    const found = state.messages
      .filter((m) => m.internalDate >= Number(after) * 1000)
      .sort((a, b) => b.internalDate - a.internalDate)
      .map((m) => ({ id: m.id, threadId: m.threadId }));
    const { served, nextPageToken } = page(found, c.req.query('maxResults'), token, key);
    return c.json({
      ...(served.length > 0 && { messages: served }),
      ...(nextPageToken && { nextPageToken }),
      resultSizeEstimate: found.length,
    });
  }

  app.get('/gmail/v1/users/me/messages/:id', (c) => {
    const stop = gate(c);
    if (stop) return stop;
    if (c.req.query('format') !== 'raw') return ctx.problem(`messages.get format is not raw`);
    const m = state.messages.find((x) => x.id === c.req.param('id'));
    if (!m) return c.json(gmailErrors.notFound, 404);
    return c.json({
      id: m.id,
      threadId: m.threadId,
      labelIds: m.labelIds,
      snippet: m.raw.split(/\r?\n\r?\n/)[1]?.slice(0, 100) ?? '',
      sizeEstimate: m.raw.length,
      raw: Buffer.from(m.raw, 'utf8').toString('base64url'),
      historyId: String(m.historyId),
      internalDate: String(m.internalDate),
    });
  });

  const mailbox = {
    state,
    listByDate,
    /** Mail arriving in the mailbox: INBOX by default, `['SPAM']` for the junk folder. */
    deliver(raw: string, o: { at: Date; labelIds?: string[]; threadId?: string }): GmailStoredMessage {
      state.historyId += 1 + Math.floor(Math.random() * 3); // ids increase with gaps, as Gmail's do
      const id = providerId('19a');
      const m: GmailStoredMessage = {
        id,
        threadId: o.threadId ?? id,
        labelIds: o.labelIds ?? ['INBOX', 'UNREAD', 'CATEGORY_PERSONAL'],
        raw,
        internalDate: o.at.getTime(),
        historyId: state.historyId,
      };
      state.messages.push(m);
      return m;
    },
    /** Every history record up to now expires: the next history.list from an older id answers 404. */
    expireHistory() {
      state.historyFloor = state.historyId + 1;
    },
    reset() {
      Object.assign(state, {
        messages: [],
        historyFloor: 0,
        pageSize: 500,
        duplicatePages: false,
        reversePages: false,
        readScript: [],
        reads: [],
        sendAs: [],
      });
    },
  };
  return mailbox;
}

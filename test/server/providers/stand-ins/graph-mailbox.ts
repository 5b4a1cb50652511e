import type { Context, Hono } from 'hono';
import { graphErrors } from '../../../fixtures/providers/error-bodies';
import { providerId } from './checks';
import { type ScriptedResponse, scripted } from './serve';

export interface GraphFolder {
  id: string;
  displayName: string;
  /** The well-known name Graph accepts in place of the id (inbox, junkemail…), when it has one. */
  wellKnown?: string;
}

export interface GraphStoredMessage {
  id: string;
  folderId: string;
  raw: string;
  receivedDateTime: string;
  conversationId: string;
  /** Change order: a delta round returns what changed after its token's position. */
  seq: number;
}

export interface GraphMailboxState {
  folders: GraphFolder[];
  messages: GraphStoredMessage[];
  seq: number;
  /** Tokens minted before this epoch are gone: the next use answers 410 SyncStateNotFound. */
  epoch: number;
  pageSize: number;
  duplicatePages: boolean;
  /** Newest changes first, so pages arrive out of order. */
  reversePages: boolean;
  readScript: ScriptedResponse[];
  reads: string[];
  /**
   * The user's proxyAddresses as Graph lists them (`SMTP:` the primary, `smtp:` aliases, SIP:/X500:
   * entries beside them).
   */
  proxyAddresses: string[];
  /** How `GET /me` refuses, when it does: the tenant denies the directory read, or the user is gone. */
  profileRefusal?: 'denied' | 'notFound' | undefined;
  /** Each `GET /me` with its query. */
  profileReads: string[];
}

interface DeltaToken {
  folderId: string;
  /** Changes after this seq… */
  after: number;
  /** …up to this one (the snapshot the round was started at). */
  upto: number;
  since?: string | undefined;
  offset: number;
  epoch: number;
}

const WELL_KNOWN: [string, string][] = [
  ['inbox', 'Inbox'],
  ['junkemail', 'Junk Email'],
  ['archive', 'Archive'],
  ['sentitems', 'Sent Items'],
  ['drafts', 'Drafts'],
  ['outbox', 'Outbox'],
  ['deleteditems', 'Deleted Items'],
  ['conversationhistory', 'Conversation History'],
];

/**
 * The reading half of the Graph stand-in: mailFolders (by id or well-known name, and listed),
 * `messages/delta` per folder with `$filter=receivedDateTime ge …`, Prefer odata.maxpagesize,
 * @odata.nextLink / @odata.deltaLink paging and `@removed` entries, `/messages/{id}/$value`, and the
 * user's proxyAddresses (`GET /me?$select=proxyAddresses`).
 */
export function graphMailbox(app: Hono, problem: (text: string) => Response) {
  const state: GraphMailboxState = {
    folders: [],
    messages: [],
    seq: 0,
    epoch: 0,
    pageSize: 1000,
    duplicatePages: false,
    reversePages: false,
    readScript: [],
    reads: [],
    proxyAddresses: [],
    profileReads: [],
  };
  const folder = (idOrName: string) =>
    state.folders.find((f) => f.id === idOrName || f.wellKnown === idOrName.toLowerCase());
  const encode = (t: DeltaToken) => Buffer.from(JSON.stringify(t)).toString('base64url');
  const decode = (s: string): DeltaToken | undefined => {
    try {
      return JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as DeltaToken;
    } catch {
      return undefined;
    }
  };

  function gate(c: Context): Response | undefined {
    state.reads.push(`${c.req.path}${new URL(c.req.url).search}`);
    const next = state.readScript.shift();
    return next ? scripted(next) : undefined;
  }

  // The signed-in user, as Graph answers `GET /me?$select=…`: only the selected properties (proxyAddresses
  // is returned on $select alone), or a directory error body. Outside `gate`: not a mail read.
  app.get('/v1.0/me', (c) => {
    state.profileReads.push(new URL(c.req.url).search);
    if (state.profileRefusal === 'denied') return c.json(graphErrors.authorizationRequestDenied, 403);
    if (state.profileRefusal === 'notFound') return c.json(graphErrors.resourceNotFound, 404);
    const select = (c.req.query('$select') ?? '').split(',').filter(Boolean);
    const primary = state.proxyAddresses.find((a) => a.startsWith('SMTP:'))?.slice(5) ?? null;
    const user: Record<string, unknown> = {
      id: '87d349ed-44d7-43e1-9a83-5f2406dee5bd',
      displayName: 'Stride Rep',
      mail: primary,
      userPrincipalName: primary,
      proxyAddresses: state.proxyAddresses,
    };
    const unknown = select.filter((k) => !(k in user));
    if (unknown.length) return problem(`GET /me selects properties the stand-in does not know: ${unknown}`);
    const fields = select.length ? select : ['id', 'displayName', 'mail', 'userPrincipalName'];
    return c.json({
      '@odata.context': select.length
        ? `https://graph.microsoft.com/v1.0/$metadata#users(${select.join(',')})/$entity`
        : 'https://graph.microsoft.com/v1.0/$metadata#users/$entity',
      ...Object.fromEntries(fields.map((k) => [k, user[k]])),
    });
  });

  app.get('/v1.0/me/mailFolders', (c) => {
    const stop = gate(c);
    if (stop) return stop;
    return c.json({
      '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#users('me')/mailFolders(id,displayName)",
      value: state.folders.map((f) => ({ id: f.id, displayName: f.displayName })),
    });
  });

  app.get('/v1.0/me/mailFolders/:folder', (c) => {
    const stop = gate(c);
    if (stop) return stop;
    const f = folder(c.req.param('folder'));
    if (!f) return c.json(graphErrors.itemNotFound, 404);
    return c.json({ id: f.id, displayName: f.displayName });
  });

  app.get('/v1.0/me/mailFolders/:folder/messages/delta', (c) => {
    const stop = gate(c);
    if (stop) return stop;
    const f = folder(c.req.param('folder'));
    if (!f) return c.json(graphErrors.itemNotFound, 404);
    const prefer = c.req.header('prefer') ?? '';
    const max = Number(/odata\.maxpagesize=(\d+)/.exec(prefer)?.[1] ?? 10);
    const size = Math.max(1, Math.min(max, state.pageSize));
    const tokenText = c.req.query('$skiptoken') ?? c.req.query('$deltatoken');
    let token: DeltaToken;
    if (tokenText) {
      const t = decode(tokenText);
      if (!t || t.folderId !== f.id) return problem('delta token of another folder');
      if (t.epoch < state.epoch) return c.json(graphErrors.syncStateNotFound, 410);
      token = c.req.query('$deltatoken') ? { ...t, after: t.upto, upto: state.seq, offset: 0 } : t;
    } else {
      const filter = c.req.query('$filter');
      const since = filter ? /^receivedDateTime ge (\S+)$/.exec(filter)?.[1] : undefined;
      if (filter && !since) return problem(`delta $filter other than receivedDateTime ge: ${filter}`);
      token = { folderId: f.id, after: 0, upto: state.seq, since, offset: 0, epoch: state.epoch };
    }
    const changed = state.messages
      .filter((m) => m.folderId === f.id && m.seq > token.after && m.seq <= token.upto)
      .filter((m) => !token.since || m.receivedDateTime >= token.since)
      .sort((a, b) => (state.reversePages ? b.seq - a.seq : a.seq - b.seq));
    const start = token.offset;
    const from = state.duplicatePages && start > 0 ? Math.max(0, start - size) : start;
    const served = changed.slice(from, start + size);
    const origin = new URL(c.req.url).origin;
    const link = (t: DeltaToken, kind: '$skiptoken' | '$deltatoken') =>
      `${origin}/v1.0/me/mailFolders/${f.id}/messages/delta?${kind}=${encode(t)}`;
    const rest = start + size < changed.length;
    return c.json({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(message)',
      value: served.map((m) => ({
        '@odata.type': '#microsoft.graph.message',
        '@odata.etag': `W/"${m.seq}"`,
        id: m.id,
        receivedDateTime: m.receivedDateTime,
        conversationId: m.conversationId,
      })),
      ...(rest
        ? { '@odata.nextLink': link({ ...token, offset: start + size }, '$skiptoken') }
        : { '@odata.deltaLink': link({ ...token, offset: 0, since: undefined }, '$deltatoken') }),
    });
  });

  app.get('/v1.0/me/messages/:id/$value', (c) => {
    const stop = gate(c);
    if (stop) return stop;
    const m = state.messages.find((x) => x.id === c.req.param('id'));
    if (!m) return c.json(graphErrors.itemNotFound, 404);
    return c.body(m.raw, 200, { 'content-type': 'text/plain' });
  });

  const mailbox = {
    state,
    reset() {
      Object.assign(state, {
        folders: [
          ...WELL_KNOWN.map(([wellKnown, displayName]) => ({
            id: providerId('AAMkAF'),
            displayName,
            wellKnown,
          })),
          { id: providerId('AAMkAF'), displayName: 'Prospects' },
        ],
        messages: [],
        pageSize: 1000,
        duplicatePages: false,
        reversePages: false,
        readScript: [],
        reads: [],
        proxyAddresses: [],
        profileRefusal: undefined,
        profileReads: [],
      });
    },
    /** Mail landing in a folder (by well-known or display name); a move is a new change in the target. */
    deliver(raw: string, o: { at: Date; folder?: string; conversationId?: string }): GraphStoredMessage {
      const name = o.folder ?? 'inbox';
      const f = folder(name) ?? state.folders.find((x) => x.displayName === name);
      if (!f) throw new Error(`no folder ${name}`);
      const m: GraphStoredMessage = {
        id: providerId('AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A'),
        folderId: f.id,
        raw,
        receivedDateTime: o.at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        conversationId: o.conversationId ?? providerId('AAQkAGI2'),
        seq: ++state.seq,
      };
      state.messages.push(m);
      return m;
    },
    /** Every delta and skip token minted so far expires. */
    expireDeltaTokens() {
      state.epoch += 1;
    },
  };
  mailbox.reset();
  return mailbox;
}

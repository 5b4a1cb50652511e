import { mapGraphError } from '../../providers/error-mapping';
import { GRAPH_API_BASE_URL, type GraphSettings, MICROSOFT_TOKEN_URL } from '../../providers/graph';
import { bearer, type HttpDeps, type HttpResult, httpRequest, trimBase } from '../../providers/http';
import { OAuthSession, type OnTokens } from '../../providers/oauth';
import {
  type FetchedMessage,
  type MailSource,
  type PullContext,
  type PullResult,
  type SyncCursor,
  SyncError,
} from '../mail-source';
import { syncErrorFrom } from './api-errors';
import { mapLimit } from './map-limit';

export interface GraphSourceDeps extends HttpDeps {
  onTokens?: OnTokens | undefined;
  /** Messages per delta page (Prefer odata.maxpagesize); Graph's own default is 10. */
  pageSize?: number | undefined;
  /** Most messages one pull returns, so one mailbox's backlog cannot hold a worker for long. */
  batchSize?: number | undefined;
  concurrency?: number | undefined;
}

interface FolderCursor {
  name: string;
  /** The @odata.nextLink of an unfinished round, else the @odata.deltaLink of the last one. */
  link: string;
}

interface GraphCursor {
  folders: Record<string, FolderCursor>;
  /** When the folder list was last read; new folders are picked up once a day. */
  discoveredAtMs: number;
}

/** Read: where answers land. */
const READ = ['inbox', 'junkemail', 'archive'];
/** Never read: what the rep writes, and Teams' conversation history. */
const SKIP = ['sentitems', 'drafts', 'outbox', 'conversationhistory'];
const REDISCOVER_MS = 24 * 60 * 60_000;
/** How far before the last good sync a fresh round starts after its delta token expired. */
export const GRAPH_RESCAN_MARGIN_MS = 60 * 60_000;
const SERVICE = 'Microsoft Graph';

function asCursor(cursor: SyncCursor | null): GraphCursor | null {
  if (!cursor || typeof cursor.folders !== 'object' || cursor.folders === null) return null;
  return {
    folders: { ...(cursor.folders as Record<string, FolderCursor>) },
    discoveredAtMs: typeof cursor.discoveredAtMs === 'number' ? cursor.discoveredAtMs : 0,
  };
}

interface DeltaItem {
  id?: unknown;
  receivedDateTime?: unknown;
  conversationId?: unknown;
  '@removed'?: unknown;
}

/**
 * Reads an Outlook / Microsoft 365 mailbox through Graph, read-only (Mail.Read is enough):
 * `messages/delta` per folder (Inbox, Junk Email, Archive and every other top-level folder mail is
 * moved into, but not Sent Items, Drafts or Outbox), raw MIME from `/messages/{id}/$value`. A new
 * folder's first round starts at the last good sync (or now); an expired delta token (410
 * SyncStateNotFound) starts a fresh round limited to mail received since the last good sync.
 * With the folder list it learns the mailbox's aliases (proxyAddresses), never taken for a reply.
 */
export function createGraphSource(settings: GraphSettings, deps: GraphSourceDeps): MailSource {
  const origin = trimBase(settings.apiBaseUrl ?? GRAPH_API_BASE_URL);
  const base = `${origin}/v1.0/me`;
  const batchSize = deps.batchSize ?? 500;
  const prefer = `IdType="ImmutableId", odata.maxpagesize=${deps.pageSize ?? 100}`;
  const session = new OAuthSession(
    {
      accessToken: settings.accessToken,
      refreshToken: settings.refreshToken,
      tokenUrl: settings.tokenUrl ?? MICROSOFT_TOKEN_URL,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
    },
    deps,
  );

  async function request(url: string, signal?: AbortSignal): Promise<HttpResult> {
    // Links come back from the service; following one elsewhere would hand it our token.
    if (!url.startsWith(`${origin}/`)) {
      throw new SyncError('transient', `${SERVICE} returned a link outside ${origin}; it was not followed.`);
    }
    return session.authorized(
      (token) => httpRequest(deps, url, { headers: { ...bearer(token), prefer } }, signal),
      signal,
    );
  }
  const fail = (res: HttpResult) => syncErrorFrom(mapGraphError(res), SERVICE, res.status);

  async function folderById(name: string, signal?: AbortSignal) {
    const res = await request(`${base}/mailFolders/${name}?$select=id,displayName`, signal);
    if (res.status === 404) return null;
    if (!res.ok) throw fail(res);
    const body = res.body as { id?: unknown; displayName?: unknown };
    return typeof body?.id === 'string'
      ? { id: body.id, name: typeof body.displayName === 'string' ? body.displayName : name }
      : null;
  }

  /** The folders to read: the well-known three and every other top-level folder but the skipped ones. */
  async function discover(signal?: AbortSignal): Promise<{ id: string; name: string }[]> {
    const out = new Map<string, string>();
    for (const wk of READ) {
      const f = await folderById(wk, signal);
      if (f) out.set(f.id, f.name);
    }
    const skip = new Set<string>();
    for (const wk of SKIP) {
      const f = await folderById(wk, signal);
      if (f) skip.add(f.id);
    }
    let url: string | undefined = `${base}/mailFolders?$top=100&$select=id,displayName`;
    while (url) {
      const res = await request(url, signal);
      if (!res.ok) throw fail(res);
      const body = res.body as {
        value?: { id?: unknown; displayName?: unknown }[];
        '@odata.nextLink'?: unknown;
      };
      for (const f of body?.value ?? []) {
        if (typeof f.id !== 'string' || skip.has(f.id) || out.has(f.id)) continue;
        out.set(f.id, typeof f.displayName === 'string' ? f.displayName : f.id);
      }
      url = typeof body?.['@odata.nextLink'] === 'string' ? body['@odata.nextLink'] : undefined;
    }
    return [...out].map(([id, name]) => ({ id, name }));
  }

  /**
   * The mailbox's other addresses: the user's `proxyAddresses` (User.Read may read them; returned only
   * on $select), where `SMTP:` marks the primary address (the mailbox's own, already known) and
   * `smtp:` each alias; other types (SIP:, X500:, SPO:…) are not mail addresses. Read with the folder
   * list, so an alias added later is learned within a day. Undefined when Graph will not say (403
   * Authorization_RequestDenied, 404, a personal account without the property): aliases only help, so
   * a refusal never fails the sync; an expired grant still does, as every other read would.
   */
  async function proxyAliases(signal?: AbortSignal): Promise<string[] | undefined> {
    const res = await request(`${base}?$select=proxyAddresses`, signal);
    if (!res.ok) return undefined;
    const list = (res.body as { proxyAddresses?: unknown } | undefined)?.proxyAddresses;
    if (!Array.isArray(list)) return undefined;
    const out = new Set<string>();
    for (const entry of list) {
      const text = typeof entry === 'string' ? entry.trim() : '';
      const m = /^smtp:\s*(\S+@\S+)$/i.exec(text);
      if (m && !text.startsWith('SMTP:')) out.add(m[1]!.toLowerCase());
    }
    return [...out];
  }

  function freshRound(folderId: string, since: Date): string {
    const q = new URLSearchParams({
      $select: 'id,receivedDateTime,conversationId',
      $filter: `receivedDateTime ge ${since.toISOString()}`,
    });
    return `${base}/mailFolders/${encodeURIComponent(folderId)}/messages/delta?${q}`;
  }

  async function raw(item: DeltaItem, folder: string, signal?: AbortSignal): Promise<FetchedMessage | null> {
    const id = item.id as string;
    const res = await request(`${base}/messages/${encodeURIComponent(id)}/$value`, signal);
    if (res.status === 404) return null; // deleted since the delta listed it
    if (!res.ok) throw fail(res);
    const at = typeof item.receivedDateTime === 'string' ? new Date(item.receivedDateTime) : undefined;
    return {
      providerId: id,
      folder,
      threadId: typeof item.conversationId === 'string' ? item.conversationId : undefined,
      receivedAt: at && !Number.isNaN(at.getTime()) ? at : undefined,
      raw: res.text,
    };
  }

  async function pull(cursor: SyncCursor | null, ctx: PullContext): Promise<PullResult> {
    try {
      const known = asCursor(cursor);
      const state: GraphCursor = known ?? { folders: {}, discoveredAtMs: 0 };
      let aliases: string[] | undefined;
      if (ctx.now.getTime() - state.discoveredAtMs >= REDISCOVER_MS) {
        const found = await discover(ctx.signal);
        const since = ctx.lastSyncedAt ?? ctx.now;
        const next: Record<string, FolderCursor> = {};
        for (const f of found) {
          next[f.id] = state.folders[f.id] ?? { name: f.name, link: freshRound(f.id, since) };
        }
        state.folders = next;
        state.discoveredAtMs = ctx.now.getTime();
        aliases = await proxyAliases(ctx.signal);
      }
      const messages: FetchedMessage[] = [];
      let more = false;
      for (const [id, folder] of Object.entries(state.folders)) {
        let done = false;
        while (!done) {
          if (messages.length >= batchSize) {
            more = true;
            break;
          }
          let res = await request(folder.link, ctx.signal);
          if (res.status === 410) {
            // The delta token expired: a fresh round over what came since the last good sync.
            const since = new Date((ctx.lastSyncedAt ?? ctx.now).getTime() - GRAPH_RESCAN_MARGIN_MS);
            folder.link = freshRound(id, since);
            res = await request(folder.link, ctx.signal);
          }
          if (!res.ok) throw fail(res);
          const body = res.body as {
            value?: DeltaItem[];
            '@odata.nextLink'?: unknown;
            '@odata.deltaLink'?: unknown;
          };
          const items = (body?.value ?? []).filter((v) => typeof v.id === 'string' && !v['@removed']);
          const unique = [...new Map(items.map((v) => [v.id as string, v])).values()];
          const got = await mapLimit(unique, deps.concurrency ?? 8, (v) => raw(v, folder.name, ctx.signal));
          for (const m of got) if (m) messages.push(m);
          const nextLink = body?.['@odata.nextLink'];
          const deltaLink = body?.['@odata.deltaLink'];
          if (typeof nextLink === 'string') folder.link = nextLink;
          else if (typeof deltaLink === 'string') {
            folder.link = deltaLink;
            done = true;
          } else
            throw new SyncError(
              'transient',
              `${SERVICE} answered a delta page without a next or delta link.`,
            );
        }
        state.folders[id] = folder;
        if (more) break;
      }
      return { messages, cursor: { ...state }, more, ...(aliases !== undefined && { aliases }) };
    } catch (error) {
      throw syncErrorFrom(error, SERVICE);
    }
  }

  return { pull, close: async () => {} };
}

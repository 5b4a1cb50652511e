import { mapGmailError } from '../../providers/error-mapping';
import { GMAIL_API_BASE_URL, type GmailSettings, GOOGLE_TOKEN_URL } from '../../providers/gmail';
import { bearer, type HttpDeps, type HttpResult, httpRequest, trimBase } from '../../providers/http';
import { OAuthSession, type OnTokens } from '../../providers/oauth';
import type { FetchedMessage, MailSource, PullContext, PullResult, SyncCursor } from '../mail-source';
import { syncErrorFrom } from './api-errors';
import { mapLimit } from './map-limit';

export interface GmailSourceDeps extends HttpDeps {
  onTokens?: OnTokens | undefined;
  /** History records (or listed messages) per page; Gmail allows up to 500. */
  pageSize?: number | undefined;
  /** Raw downloads in flight at once for one mailbox. */
  concurrency?: number | undefined;
}

/** Where a Gmail mailbox's reading stands: the history cursor, or a rescan by date after it expired. */
type GmailCursor =
  | { historyId: string; pageToken?: string | undefined; latest?: string | undefined }
  | { rescan: { afterMs: number; pageToken?: string | undefined; resumeHistoryId: string } };

/** How far before the last good sync a rescan starts: late delivery, clock skew, Gmail's day-grained `after:`. */
export const GMAIL_RESCAN_MARGIN_MS = 24 * 60 * 60_000;
const SERVICE = 'the Gmail API';

class Http404 extends Error {}

function asCursor(cursor: SyncCursor | null): GmailCursor | null {
  if (!cursor) return null;
  const rescan = cursor.rescan as { afterMs?: unknown; resumeHistoryId?: unknown } | undefined;
  if (rescan && typeof rescan.afterMs === 'number' && typeof rescan.resumeHistoryId === 'string') {
    return cursor as GmailCursor;
  }
  return typeof cursor.historyId === 'string' ? (cursor as GmailCursor) : null;
}

function maxId(a: string | undefined, b: unknown): string | undefined {
  if (typeof b !== 'string' || !/^\d+$/.test(b)) return a;
  if (a === undefined) return b;
  return BigInt(b) > BigInt(a) ? b : a;
}

/** The label a message is reported under in the enrollment's history: where a person would find it. */
function folderOf(labels: string[]): string {
  for (const l of ['SPAM', 'TRASH', 'INBOX']) if (labels.includes(l)) return l;
  return labels.find((l) => !['UNREAD', 'IMPORTANT', 'STARRED'].includes(l)) ?? 'ALL';
}

/** What the rep wrote (sent copies, drafts) is never an answer to them; skipped before download. */
function isOwnMail(labels: string[]): boolean {
  if (labels.includes('DRAFT')) return true;
  return labels.includes('SENT') && !labels.includes('INBOX') && !labels.includes('SPAM');
}

interface Listed {
  id: string;
  labelIds?: string[] | undefined;
}

/**
 * Reads a Gmail mailbox through the API, read-only (gmail.readonly is enough): new mail from
 * `users.history.list` (every label, spam included: no labelId filter), bodies as raw MIME. The first
 * cursor is the profile's historyId, so a newly linked mailbox starts from now. An expired historyId
 * (404) rescans with `messages.list` since the last good sync minus a margin, spam and trash
 * included; the apply-once table drops what was already read.
 */
export function createGmailSource(settings: GmailSettings, deps: GmailSourceDeps): MailSource {
  const base = `${trimBase(settings.apiBaseUrl ?? GMAIL_API_BASE_URL)}/gmail/v1/users/me`;
  const pageSize = String(deps.pageSize ?? 500);
  const session = new OAuthSession(
    {
      accessToken: settings.accessToken,
      refreshToken: settings.refreshToken,
      tokenUrl: settings.tokenUrl ?? GOOGLE_TOKEN_URL,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
    },
    deps,
  );

  async function get(path: string, signal?: AbortSignal, notFound?: 'throw' | 'null'): Promise<unknown> {
    const res: HttpResult = await session.authorized(
      (token) => httpRequest(deps, `${base}${path}`, { headers: bearer(token) }, signal),
      signal,
    );
    if (res.ok) return res.body;
    if (res.status === 404 && notFound === 'throw') throw new Http404(path);
    if (res.status === 404 && notFound === 'null') return null;
    throw syncErrorFrom(mapGmailError(res), SERVICE, res.status);
  }

  async function profileHistoryId(signal?: AbortSignal): Promise<string> {
    const body = (await get('/profile', signal)) as { historyId?: unknown } | undefined;
    if (typeof body?.historyId !== 'string') {
      throw syncErrorFrom(new Error('the profile has no historyId'), SERVICE);
    }
    return body.historyId;
  }

  /**
   * The mailbox's "Send mail as" addresses (users.settings.sendAs.list; gmail.readonly may read it),
   * read when the cursor starts. Undefined when they cannot be read: aliases only help, so a refusal
   * here never fails the sync.
   */
  async function sendAsAliases(signal?: AbortSignal): Promise<string[] | undefined> {
    try {
      const body = (await get('/settings/sendAs', signal)) as { sendAs?: unknown } | undefined;
      if (!Array.isArray(body?.sendAs)) return undefined;
      return body.sendAs.flatMap((s: { sendAsEmail?: unknown; isPrimary?: unknown }) =>
        typeof s?.sendAsEmail === 'string' && s.isPrimary !== true ? [s.sendAsEmail.toLowerCase()] : [],
      );
    } catch {
      return undefined;
    }
  }

  async function download(listed: Listed[], signal?: AbortSignal): Promise<FetchedMessage[]> {
    const fresh = [...new Map(listed.map((m) => [m.id, m])).values()].filter(
      (m) => !isOwnMail(m.labelIds ?? []),
    );
    const got = await mapLimit(fresh, deps.concurrency ?? 8, async (m) => {
      // Deleted between the listing and now: nothing left to read.
      const body = (await get(`/messages/${encodeURIComponent(m.id)}?format=raw`, signal, 'null')) as {
        id?: unknown;
        threadId?: unknown;
        labelIds?: unknown;
        raw?: unknown;
        internalDate?: unknown;
      } | null;
      if (!body || typeof body.raw !== 'string') return null;
      const labels = Array.isArray(body.labelIds) ? body.labelIds.map(String) : (m.labelIds ?? []);
      if (isOwnMail(labels)) return null;
      const at = Number(body.internalDate);
      const out: FetchedMessage = {
        providerId: m.id,
        folder: folderOf(labels),
        threadId: typeof body.threadId === 'string' ? body.threadId : undefined,
        receivedAt: Number.isFinite(at) && at > 0 ? new Date(at) : undefined,
        raw: Buffer.from(body.raw, 'base64url'),
      };
      return out;
    });
    return got.filter((m): m is FetchedMessage => m !== null);
  }

  async function historyPage(
    c: Extract<GmailCursor, { historyId: string }>,
    signal?: AbortSignal,
  ): Promise<PullResult> {
    const q = new URLSearchParams({
      startHistoryId: c.historyId,
      historyTypes: 'messageAdded',
      maxResults: pageSize,
    });
    if (c.pageToken) q.set('pageToken', c.pageToken);
    const body = (await get(`/history?${q}`, signal, 'throw')) as {
      history?: { messagesAdded?: { message?: Listed }[] }[];
      nextPageToken?: unknown;
      historyId?: unknown;
    };
    const listed: Listed[] = [];
    for (const record of body?.history ?? []) {
      for (const added of record.messagesAdded ?? []) if (added.message?.id) listed.push(added.message);
    }
    const messages = await download(listed, signal);
    // Pages are read whole and deduped by key, so their order does not matter; the newest
    // historyId any page reported is where the next sync starts once the last page is in.
    const latest = maxId(c.latest ?? c.historyId, body?.historyId) ?? c.historyId;
    if (typeof body?.nextPageToken === 'string' && body.nextPageToken) {
      return {
        messages,
        cursor: { historyId: c.historyId, pageToken: body.nextPageToken, latest },
        more: true,
      };
    }
    return { messages, cursor: { historyId: latest }, more: false };
  }

  async function rescanPage(
    r: Extract<GmailCursor, { rescan: unknown }>['rescan'],
    signal?: AbortSignal,
  ): Promise<PullResult> {
    const q = new URLSearchParams({
      q: `after:${Math.floor(r.afterMs / 1000)}`,
      includeSpamTrash: 'true',
      maxResults: pageSize,
    });
    if (r.pageToken) q.set('pageToken', r.pageToken);
    const body = (await get(`/messages?${q}`, signal)) as {
      messages?: Listed[];
      nextPageToken?: unknown;
    };
    const messages = await download(body?.messages ?? [], signal);
    if (typeof body?.nextPageToken === 'string' && body.nextPageToken) {
      return { messages, cursor: { rescan: { ...r, pageToken: body.nextPageToken } }, more: true };
    }
    return { messages, cursor: { historyId: r.resumeHistoryId }, more: false };
  }

  async function pull(cursor: SyncCursor | null, ctx: PullContext): Promise<PullResult> {
    try {
      const c = asCursor(cursor);
      if (!c) {
        const historyId = await profileHistoryId(ctx.signal);
        return { messages: [], cursor: { historyId }, more: false, aliases: await sendAsAliases(ctx.signal) };
      }
      if ('rescan' in c) return await rescanPage(c.rescan, ctx.signal);
      try {
        return await historyPage(c, ctx.signal);
      } catch (error) {
        if (!(error instanceof Http404)) throw error;
        // The historyId expired: note where history stands now, then list what came since the
        // last good sync; history resumes from the noted point, so nothing falls in between.
        const resumeHistoryId = await profileHistoryId(ctx.signal);
        const afterMs = (ctx.lastSyncedAt ?? ctx.now).getTime() - GMAIL_RESCAN_MARGIN_MS;
        return await rescanPage({ afterMs, resumeHistoryId }, ctx.signal);
      }
    } catch (error) {
      throw syncErrorFrom(error, SERVICE);
    }
  }

  return { pull, close: async () => {} };
}

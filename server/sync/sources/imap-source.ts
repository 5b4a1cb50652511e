import { ImapFlow, type ListResponse } from 'imapflow';
import type { ImapSettings } from '../../../shared/schemas/mailbox-settings';
import {
  type FetchedMessage,
  type MailSource,
  type PullContext,
  type PullResult,
  type ResolveHost,
  resolveAsGiven,
  type SyncCursor,
  SyncError,
} from '../mail-source';
import { blockedHostIn, blockedHostSyncError } from './api-errors';

/** `settings.imap` of an `smtp` mailbox (API.md "Mailbox sync"). */

export interface ImapSourceDeps {
  /** The mailbox address: the login when `settings.imap.user` is not given. */
  address: string;
  resolveHost?: ResolveHost | undefined;
  /** Most messages one pull returns, so one mailbox's backlog cannot hold a worker for long. */
  batchSize?: number | undefined;
  /** How far back the first sync of a folder (or a rescan after a UIDVALIDITY change) looks. */
  lookbackMs?: number | undefined;
  connectTimeoutMs?: number | undefined;
  /**
   * How often the folders other than INBOX (Junk, Archive, the rep's own) are swept. INBOX is read
   * on every pull, since IDLE asks for one as soon as mail lands there.
   */
  sweepMs?: number | undefined;
}

interface FolderCursor {
  uidValidity: string;
  lastUid: number;
  /** CONDSTORE's HIGHESTMODSEQ when last read: unchanged means nothing in the folder changed. */
  modseq?: string | undefined;
}

const DAY_MS = 86_400_000;
const DEFAULT_LOOKBACK_MS = 7 * DAY_MS;
/** A rescan after a UIDVALIDITY change starts this long before the last good sync (clock skew, late delivery). */
const RESCAN_MARGIN_MS = DAY_MS;

/**
 * Folders a reply, an out-of-office or a bounce can land in: everything but what the rep writes
 * (Sent, Drafts) and virtual copies of other folders (All, Flagged), which would only repeat mail.
 */
function readable(folder: ListResponse): boolean {
  if (folder.flags.has('\\Noselect') || folder.flags.has('\\NonExistent')) return false;
  return !['\\Sent', '\\Drafts', '\\All', '\\Flagged'].includes(folder.specialUse ?? '');
}

const isInbox = (folder: ListResponse) => folder.path.toUpperCase() === 'INBOX';

/**
 * Whether a folder can be skipped without opening it: STATUS says its UIDs were not renumbered and,
 * with CONDSTORE, that nothing changed since it was read (HIGHESTMODSEQ), else that no UID was
 * given out after the last one read (UIDNEXT).
 */
async function unchanged(c: ImapFlow, path: string, known: FolderCursor, condstore: boolean) {
  const status = await c.status(path, { uidNext: true, uidValidity: true, highestModseq: condstore });
  if (!status) return false;
  if (status.uidValidity === undefined || status.uidValidity.toString() !== known.uidValidity) return false;
  if (condstore && status.highestModseq !== undefined && known.modseq !== undefined) {
    return status.highestModseq.toString() === known.modseq;
  }
  return status.uidNext !== undefined && status.uidNext - 1 <= known.lastUid;
}

function folderCursors(cursor: SyncCursor | null): Record<string, FolderCursor> {
  const folders = cursor?.folders;
  return typeof folders === 'object' && folders !== null
    ? { ...(folders as Record<string, FolderCursor>) }
    : {};
}

function describe(error: unknown, host: string): SyncError {
  const e = error as {
    authenticationFailed?: boolean;
    code?: string;
    responseText?: string;
    message?: string;
  };
  if (e.authenticationFailed) {
    return new SyncError(
      'auth',
      `The IMAP server ${host} refused the user name or password${e.responseText ? ` (${e.responseText})` : ''}. Enter the current password in the mailbox's IMAP settings.`,
    );
  }
  if (error instanceof SyncError) return error;
  const blocked = blockedHostIn(error);
  if (blocked) return blockedHostSyncError(blocked);
  const what = e.code ? `${e.code}: ${e.message ?? ''}`.trim() : (e.message ?? String(error));
  return new SyncError('transient', `Could not read the mailbox over IMAP at ${host}: ${what}`);
}

export interface ImapConnectDeps {
  address: string;
  resolveHost?: ResolveHost | undefined;
  connectTimeoutMs?: number | undefined;
  /** Longest single IDLE before it is restarted (servers drop an IDLE after 30 minutes). */
  maxIdleMs?: number | undefined;
}

/** One imapflow connection, logged in, through `resolveHost` (the net guard in production). */
export async function openImapClient(settings: ImapSettings, deps: ImapConnectDeps): Promise<ImapFlow> {
  const address = await (deps.resolveHost ?? resolveAsGiven)(settings.host);
  const c = new ImapFlow({
    host: address,
    port: settings.port,
    secure: settings.secure ?? settings.port === 993,
    // Certificates name the host, not the address the guard resolved it to.
    ...(address !== settings.host && { servername: settings.host }),
    auth: { user: settings.user ?? deps.address, pass: settings.password ?? '' },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: deps.connectTimeoutMs ?? 30_000,
    greetingTimeout: deps.connectTimeoutMs ?? 30_000,
    socketTimeout: 5 * 60_000,
    ...(deps.maxIdleMs !== undefined && { maxIdleTime: deps.maxIdleMs }),
  });
  // A dropped connection is reported by the command in flight; the event alone must not crash us.
  c.on('error', () => {});
  await c.connect();
  return c;
}

/**
 * Reads an IMAP mailbox with imapflow, read-only: folders are opened with EXAMINE and bodies fetched
 * with BODY.PEEK, so nothing is marked read, moved or flagged. The cursor is each folder's UIDVALIDITY
 * and the highest UID read; a changed UIDVALIDITY rescans the folder since the last good sync (the
 * apply-once table dedupes by Message-ID). One connection per pull, closed after it.
 */
export function createImapSource(settings: ImapSettings, deps: ImapSourceDeps): MailSource {
  const batchSize = deps.batchSize ?? 500;
  const sweepMs = deps.sweepMs ?? 60_000;
  let client: ImapFlow | undefined;

  const connect = () => openImapClient(settings, deps);

  async function pull(cursor: SyncCursor | null, ctx: PullContext): Promise<PullResult> {
    const folders = folderCursors(cursor);
    let sweptAt = cursor?.sweptAt;
    const messages: FetchedMessage[] = [];
    let more = false;
    try {
      client ??= await connect();
      const c = client;
      const sweepDue = typeof sweptAt !== 'number' || ctx.now.getTime() - sweptAt >= sweepMs;
      const list = (await c.list()).filter((f) => readable(f) && (sweepDue || isInbox(f)));
      const condstore = c.enabled.has('CONDSTORE');
      let swept = sweepDue;
      for (const folder of list) {
        if (messages.length >= batchSize) {
          more = true;
          swept = false;
          break;
        }
        const known = folders[folder.path];
        if (known && (await unchanged(c, folder.path, known, condstore))) continue;
        const box = await c.mailboxOpen(folder.path, { readOnly: true });
        const uidValidity = box.uidValidity.toString();
        let uids: number[];
        if (known && known.uidValidity === uidValidity) {
          uids = ((await c.search({ uid: `${known.lastUid + 1}:*` }, { uid: true })) || []).filter(
            (u) => u > known.lastUid,
          );
        } else {
          // First sight of the folder, or its UIDs were renumbered: look back by date instead.
          const since = known
            ? new Date((ctx.lastSyncedAt ?? ctx.now).getTime() - RESCAN_MARGIN_MS)
            : new Date(ctx.now.getTime() - (deps.lookbackMs ?? DEFAULT_LOOKBACK_MS));
          uids = (await c.search({ since }, { uid: true })) || [];
        }
        uids.sort((a, b) => a - b);
        const room = batchSize - messages.length;
        if (uids.length > room) {
          more = true;
          swept = false;
        }
        const take = uids.slice(0, room);
        let lastUid = known && known.uidValidity === uidValidity ? known.lastUid : 0;
        if (take.length > 0) {
          for await (const m of c.fetch(
            take.join(','),
            { uid: true, source: true, internalDate: true },
            { uid: true },
          )) {
            if (!m.source) continue;
            messages.push({
              providerId: `${folder.path}/${uidValidity}/${m.uid}`,
              folder: folder.path,
              receivedAt: m.internalDate instanceof Date ? m.internalDate : undefined,
              raw: m.source,
            });
            if (m.uid > lastUid) lastUid = m.uid;
          }
        } else if (!known || known.uidValidity !== uidValidity) {
          // Nothing to read yet: start after the newest UID, so the next pull asks only for new mail.
          lastUid = Math.max(0, Number(box.uidNext) - 1);
        }
        const modseq = box.highestModseq !== undefined ? box.highestModseq.toString() : undefined;
        // A folder left unfinished keeps no modseq, so the next pull does not skip the rest of it.
        const finished = uids.length <= room;
        folders[folder.path] = { uidValidity, lastUid, ...(modseq && finished && { modseq }) };
      }
      if (swept) sweptAt = ctx.now.getTime();
    } catch (error) {
      await close();
      throw describe(error, settings.host);
    }
    return {
      messages,
      cursor: { folders, ...(typeof sweptAt === 'number' && { sweptAt }) },
      more,
    };
  }

  async function close(): Promise<void> {
    const c = client;
    client = undefined;
    if (!c) return;
    try {
      await c.logout();
    } catch {
      c.close();
    }
  }

  return { pull, close };
}

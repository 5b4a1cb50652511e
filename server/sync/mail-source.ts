/** One message a source read from a mailbox, still raw. */
export interface FetchedMessage {
  /** The provider's own id, unique within the mailbox (Gmail id, Graph id, IMAP folder/UIDVALIDITY/UID). */
  providerId: string;
  /** Where it was found (INBOX, Junk, SPAM…), for the enrollment's history. */
  folder: string;
  /** The provider's thread/conversation id, when it has one. */
  threadId?: string | undefined;
  receivedAt?: Date | undefined;
  raw: Buffer | Uint8Array | string;
}

/** The provider's own resume point (Gmail historyId, Graph delta links, IMAP UIDs per folder). */
export type SyncCursor = Record<string, unknown>;

export interface PullResult {
  messages: FetchedMessage[];
  /** Where to resume once these messages are applied; saved only then. */
  cursor: SyncCursor;
  /** More is waiting right away (a page limit was reached). */
  more: boolean;
  /**
   * The other addresses the provider says this mailbox sends as (Gmail's sendAs, Graph's proxyAddresses), when this pull
   * learned them: stored on the mailbox's sync row, so their mail is never taken for a reply.
   */
  aliases?: string[] | undefined;
}

export interface PullContext {
  now: Date;
  /** The last good sync, for sources that must rescan after losing their cursor. */
  lastSyncedAt: Date | null;
  signal?: AbortSignal;
}

/** A readable mailbox. Never marks mail read, moves or labels it. */
export interface MailSource {
  pull(cursor: SyncCursor | null, ctx: PullContext): Promise<PullResult>;
  close(): Promise<void>;
}

export type SyncErrorKind = 'auth' | 'rate_limited' | 'transient';

/**
 * Why a pull failed, sorted by what the worker does next: `auth` needs a person (the mailbox goes
 * inactive), `rate_limited` waits as long as the provider asked, `transient` retries with backoff.
 * The message is shown to people as it is.
 */
export class SyncError extends Error {
  readonly kind: SyncErrorKind;
  readonly retryAfterMs: number | undefined;
  constructor(kind: SyncErrorKind, message: string, retryAfterMs?: number) {
    super(message);
    this.name = 'SyncError';
    this.kind = kind;
    this.retryAfterMs = retryAfterMs;
  }
}

/** How a host name becomes an address to connect to; injected so an SSRF guard can refuse private ones. */
export type ResolveHost = (host: string) => Promise<string>;

/** Default: connect to the name as given (the OS resolves it). */
export const resolveAsGiven: ResolveHost = async (host) => host;

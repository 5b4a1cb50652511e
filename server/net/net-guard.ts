import { lookup as dnsLookup } from 'node:dns/promises';
import net from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { isInternalAddress, isLocalHostName } from './internal-address';

/** Thrown when a connection would reach an internal address; `code` lets mappers recognise it. */
export class BlockedHostError extends Error {
  override readonly name = 'BlockedHostError';
  readonly code = 'EBLOCKEDHOST';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      `refused to connect to ${host}: it resolves to the internal address ${address} ` +
        '(provider hosts must be public; an operator may allow internal ones for admins)',
    );
  }
}

export interface ResolvedAddress {
  address: string;
  family: number;
}
/** All addresses of a host name; injectable so tests can play DNS (and DNS rebinding) offline. */
export type ResolveAll = (host: string) => Promise<ResolvedAddress[]>;

export interface NetGuardOptions {
  /** STRIDE_ALLOW_PRIVATE_PROVIDER_HOSTS for a mailbox an admin approved: no address is refused. */
  allowInternal: boolean;
  resolve?: ResolveAll;
  /** Per-request timeout for the guarded fetch's connections. */
  connectTimeoutMs?: number;
}

/**
 * Outbound connections to hosts that users typed in (provider API bases, token URLs, SMTP and later
 * IMAP servers). The check runs on every connection, on the addresses actually connected to, so a
 * name that resolves to a public address when saved and to 127.0.0.1 when used (DNS rebinding)
 * is still refused; a redirect to an internal literal is refused the same way.
 */
export interface NetGuard {
  readonly allowInternal: boolean;
  /** The addresses of `host` that may be used, or BlockedHostError. */
  resolve(host: string): Promise<ResolvedAddress[]>;
  /** net.connect-compatible lookup that refuses internal addresses. */
  lookup: net.LookupFunction;
  /** A fetch whose every connection goes through `lookup` (and the literal-address check). */
  fetch: typeof fetch;
  /** An open TCP socket to host:port through a checked address (SMTP, IMAP). */
  connect(host: string, port: number, timeoutMs?: number): Promise<net.Socket>;
}

const unbracket = (host: string) => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host);

const systemResolve: ResolveAll = (host) => dnsLookup(host, { all: true, verbatim: true });

export function createNetGuard(options: NetGuardOptions): NetGuard {
  const resolveAll = options.resolve ?? systemResolve;
  const allowInternal = options.allowInternal;

  const resolve = async (rawHost: string): Promise<ResolvedAddress[]> => {
    const host = unbracket(rawHost);
    const family = net.isIP(host);
    if (family !== 0) {
      if (!allowInternal && isInternalAddress(host)) throw new BlockedHostError(host, host);
      return [{ address: host, family }];
    }
    if (!allowInternal && isLocalHostName(host)) throw new BlockedHostError(host, 'localhost');
    const addresses = await resolveAll(host);
    if (!allowInternal) {
      // One internal address is enough to refuse: which one the connection picks is not ours to choose.
      const internal = addresses.find((a) => isInternalAddress(a.address));
      if (internal) throw new BlockedHostError(host, internal.address);
    }
    if (addresses.length === 0)
      throw Object.assign(new Error(`no address for ${host}`), { code: 'ENOTFOUND' });
    return addresses;
  };

  const lookup: net.LookupFunction = (hostname, opts, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const wanted = opts.family === 4 || opts.family === 6 ? opts.family : 0;
        const usable = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
        const first = usable[0];
        if (!first) {
          callback(
            Object.assign(new Error(`no IPv${wanted} address for ${hostname}`), { code: 'ENOTFOUND' }),
            '',
            0,
          );
        } else if (opts.all) {
          (callback as unknown as (e: null, all: ResolvedAddress[]) => void)(null, usable);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };

  const baseConnector = buildConnector({ lookup, timeout: options.connectTimeoutMs ?? 15_000 });
  // net.connect skips `lookup` for literal addresses, so those are checked here, per connection.
  const connector: buildConnector.connector = (opts, callback) => {
    const host = unbracket(opts.hostname);
    if (!allowInternal && net.isIP(host) !== 0 && isInternalAddress(host)) {
      callback(new BlockedHostError(host, host), null);
      return;
    }
    baseConnector(opts, callback);
  };
  const agent = new Agent({ connect: connector });
  const guardedFetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    // undici's own fetch, so the dispatcher is the same undici as the Agent.
    undiciFetch(
      input as never,
      { ...(init as object), dispatcher: agent } as never,
    )) as unknown as typeof fetch;

  const connect = async (host: string, port: number, timeoutMs = 15_000): Promise<net.Socket> => {
    const [first] = await resolve(host);
    if (!first) throw Object.assign(new Error(`no address for ${host}`), { code: 'ENOTFOUND' });
    return new Promise((ok, fail) => {
      const socket = net.connect({ host: first.address, port });
      const timer = setTimeout(() => {
        socket.destroy();
        fail(Object.assign(new Error(`connection to ${host}:${port} timed out`), { code: 'ETIMEDOUT' }));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        ok(socket);
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        fail(error);
      });
    });
  };

  return { allowInternal, resolve, lookup, fetch: guardedFetch, connect };
}

import type { LoginLimiter } from './auth/login-limiter';
import type { Database } from './db/client';
import type { Actor } from './domain/actor';
import type { Logger } from './http/on-error';

/** The HTTP layer's name for the domain's `Actor`. */
export type AuthUser = Actor;

/** Everything the HTTP layer needs from the outside world, injected so tests control time and I/O. */
export interface AppDeps {
  database: Database;
  now: () => Date;
  log: Logger;
  loginLimiter: LoginLimiter;
  fetch: typeof fetch;
  config: {
    publicUrl: string;
    dataDir: string;
    /** Signs unsubscribe links and encrypts provider credentials. */
    secretKey: Buffer;
    /** Extra origins allowed by CORS beyond chrome-extension:// ones. */
    corsOrigins: string[];
    /**
     * STRIDE_ALLOW_PRIVATE_PROVIDER_HOSTS: admins may point mailboxes at loopback/private hosts (tests,
     * on-premises SMTP relays). Off: every provider connection must reach a public address.
     */
    allowPrivateProviderHosts?: boolean;
    /** STRIDE_TRUST_PROXY: take the client address of tracking hits from X-Forwarded-For. */
    trustProxy?: boolean;
  };
}

export interface AppEnv {
  Variables: { user: AuthUser };
}

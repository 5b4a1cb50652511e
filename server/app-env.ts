import type { LoginLimiter } from './auth/login-limiter';
import type { Database } from './db/client';
import type { Logger } from './http/on-error';

export interface AuthUser {
  id: string;
  teamId: string;
  email: string;
  name: string;
  role: 'admin' | 'rep';
}

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
  };
}

export interface AppEnv {
  Variables: { user: AuthUser };
}

import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import type { AppDeps } from './app-env';
import { type BootstrapResult, bootstrapAdmin } from './auth/bootstrap-admin';
import { createLoginLimiter } from './auth/login-limiter';
import type { ServerConfig } from './config';
import { type Database, openDatabase } from './db/client';
import { migrateDatabase } from './db/migrate';
import { storeRefreshedTokens } from './domain/mailboxes/mailbox-settings';
import type { Logger } from './http/on-error';
import { createNetGuard } from './net/net-guard';
import { acquireDataDirLock } from './runtime/lock-file';
import { loadSecretKey, secretKeyWarning } from './runtime/secret-key';
import { createProviderRegistry } from './scheduler/provider-registry';
import { defaultSchedulerConfig } from './scheduler/scheduler-config';
import { type RunningWorker, startWorker } from './scheduler/worker';
import { syncSoon } from './sync/claim-mailboxes';
import { type RunningImapIdle, startImapIdle } from './sync/imap-idle';
import { createMailSource, resolveHostFor } from './sync/source-for';
import { type RunningSyncWorker, startSyncWorker } from './sync/sync-worker';

export interface RunningServer {
  url: string;
  database: Database;
  admin: BootstrapResult;
  stop(): Promise<void>;
}

/** Opens the database, migrates, creates the first admin, then serves HTTP (unless role is worker). */
/** Without the operator switch, even an admin-approved mailbox gets the guard that refuses internal hosts. */
function providerNetGuards(allowPrivate: boolean) {
  const publicOnly = createNetGuard({ allowInternal: false });
  return {
    public: publicOnly,
    internal: allowPrivate ? createNetGuard({ allowInternal: true }) : publicOnly,
  };
}

export async function startServer(config: ServerConfig, log: Logger): Promise<RunningServer> {
  const dataDir = resolve(config.dataDir);
  const releaseLock = config.databaseUrl ? () => {} : acquireDataDirLock(dataDir);
  let database: Database | undefined;
  try {
    database = await openDatabase({ url: config.databaseUrl, dataDir: resolve(dataDir, 'pglite') });
    await migrateDatabase(database, config.databaseUrl);
    const admin = await bootstrapAdmin(database.db, {
      email: config.adminEmail,
      password: config.adminPassword,
    });
    const publicUrl = config.publicUrl ?? `http://127.0.0.1:${config.port}`;
    const keyWarning = secretKeyWarning({
      configured: config.secretKey,
      dataDir,
      publicUrl,
      host: config.host,
      embeddedDatabase: !config.databaseUrl,
    });
    if (keyWarning) log.warn(keyWarning);
    const deps: AppDeps = {
      database,
      now: () => new Date(),
      log,
      loginLimiter: createLoginLimiter({ maxFailures: 10, windowMs: 15 * 60_000 }),
      fetch: globalThis.fetch,
      config: {
        publicUrl,
        dataDir,
        secretKey: loadSecretKey(config.secretKey, dataDir),
        corsOrigins: config.corsOrigins,
        allowPrivateProviderHosts: config.allowPrivateProviderHosts,
        trustProxy: config.trustProxy,
      },
    };
    let url = publicUrl;
    let closeHttp = async () => {};
    if (config.role !== 'worker') {
      const app = createApp(deps);
      const server = await new Promise<ReturnType<typeof serve>>((ok) => {
        const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => ok(s));
      });
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      url = `http://${config.host}:${port}`;
      closeHttp = () => new Promise<void>((ok) => server.close(() => ok()));
    }
    let worker: RunningWorker | undefined;
    let syncWorker: RunningSyncWorker | undefined;
    let imapIdle: RunningImapIdle | undefined;
    if (config.role !== 'api') {
      const now = () => new Date();
      const netGuards = providerNetGuards(config.allowPrivateProviderHosts);
      worker = startWorker(
        database.db,
        {
          now,
          random: Math.random,
          providerFor: createProviderRegistry({
            db: database.db,
            secretKey: deps.config.secretKey,
            dataDir,
            fetch: globalThis.fetch,
            netGuards,
            now,
          }),
          publicUrl,
          trackingUrl: config.trackingUrl ?? publicUrl,
          secretKey: deps.config.secretKey,
          log,
        },
        { ...defaultSchedulerConfig, maxLatenessMinutes: config.maxLatenessMinutes, leaseMs: config.leaseMs },
        { pollMs: config.pollMs },
      );
      const syncDb = database.db;
      const syncOwner = `sync-${randomUUID()}`;
      const running = startSyncWorker(
        {
          db: syncDb,
          now,
          owner: syncOwner,
          secretKey: deps.config.secretKey,
          pollMs: config.syncPollMs,
          leaseMs: config.leaseMs,
          sourceFor: (mailbox, settings) =>
            createMailSource(mailbox, settings, {
              fetch: globalThis.fetch,
              netGuards,
              imapSweepMs: config.syncPollMs,
              now,
              onTokens: (id, tokens) =>
                storeRefreshedTokens(syncDb, deps.config.secretKey, id, tokens, now()),
            }),
        },
        { idleMs: Math.max(config.pollMs, 1000), log },
      );
      syncWorker = running;
      imapIdle = startImapIdle(
        {
          db: syncDb,
          now,
          secretKey: deps.config.secretKey,
          owner: syncOwner,
          leaseMs: config.leaseMs,
          resolveHostFor: (mailbox) => resolveHostFor(mailbox, { netGuards }),
          onNewMail: async (id) => {
            await syncSoon(syncDb, id, now());
            running.wake(id);
          },
          log,
        },
        { refreshMs: Math.max(Math.min(config.syncPollMs, config.leaseMs / 3), 1000) },
      );
    }
    const db = database;
    return {
      url,
      database: db,
      admin,
      async stop() {
        // Stop taking new requests and new work first; the batch in flight is dispatched and recorded.
        await closeHttp();
        await worker?.stop();
        await imapIdle?.stop();
        await syncWorker?.stop();
        await db.close();
        releaseLock();
      },
    };
  } catch (err) {
    await database?.close().catch(() => {});
    releaseLock();
    throw err;
  }
}

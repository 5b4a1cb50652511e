import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type Database, openDatabase } from '../../../server/db/client';
import { migrateDatabase } from '../../../server/db/migrate';

export type Backend = 'pglite' | 'postgres';

/** Integration tests run on embedded PGlite always, and also on Postgres when DATABASE_URL is set. */
export const backends: Backend[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  database: Database;
  /** Set for Postgres: the URL of this test's own database. */
  url?: string;
  dispose(): Promise<void>;
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** An empty database of its own for one test file (a fresh PGlite, or a new Postgres database). */
export async function createEmptyDatabase(
  backend: Backend,
): Promise<{ url?: string; drop(): Promise<void> }> {
  if (backend === 'pglite') return { drop: async () => {} };
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL is not set');
  const name = `stride_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  return {
    url: withDatabaseName(base, name),
    async drop() {
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export async function createTestDatabase(
  backend: Backend,
  opts: { max?: number } = {},
): Promise<TestDatabase> {
  const empty = await createEmptyDatabase(backend);
  const database = await openDatabase({ url: empty.url, dataDir: 'memory://', max: opts.max ?? 5 });
  await migrateDatabase(database, empty.url);
  return {
    database,
    ...(empty.url && { url: empty.url }),
    async dispose() {
      await database.close();
      await empty.drop();
    },
  };
}

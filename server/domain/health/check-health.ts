import type { Database, DbKind } from '../../db/client';

/** Healthy means the database answers a query; the answer names which kind it is. */
export async function checkHealth({ database }: { database: Database }): Promise<{ ok: true; db: DbKind }> {
  await database.query('select 1');
  return { ok: true, db: database.kind };
}

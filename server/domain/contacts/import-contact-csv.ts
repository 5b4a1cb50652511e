import type { ImportResult } from '../../../shared/schemas/contact';
import type { Db } from '../../db/client';
import type { Actor } from '../actor';
import { parseContactsCsv } from './csv-rows';
import { importContacts } from './import-contacts';

/** Reads an uploaded CSV file and imports its rows as the actor's team's contacts. */
export async function importContactCsv(
  { db, now }: { db: Db; now: Date },
  actor: Actor,
  csv: string,
): Promise<ImportResult> {
  return importContacts(db, actor, parseContactsCsv(csv), now);
}

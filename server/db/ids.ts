import { randomBytes } from 'node:crypto';

/**
 * Ids are opaque strings, prefixed by kind for readable logs, and sortable by creation time so cursor
 * pagination can page by id alone. Any string is a safe lookup key (an unknown id is a 404, never a
 * type error from the database).
 */
export function newId(prefix: string, nowMs: number = Date.now()): string {
  const time = nowMs.toString(36).padStart(9, '0');
  const rand = randomBytes(8).toString('hex');
  return `${prefix}_${time}${rand}`;
}

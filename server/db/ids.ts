import { randomFillSync } from 'node:crypto';

// Random bytes are drawn 4 KiB at a time: one randomBytes(8) per id cost ~20 µs, which a bulk
// enrollment (an enrollment, an email and a history row per contact) paid 30,000 times.
const pool = Buffer.alloc(4096);
let offset = pool.length;

function random8Hex(): string {
  if (offset + 8 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + 8);
  offset += 8;
  return hex;
}

/**
 * Ids are opaque strings, prefixed by kind for readable logs, and sortable by creation time so cursor
 * pagination can page by id alone. Any string is a safe lookup key (an unknown id is a 404, never a
 * type error from the database).
 */
export function newId(prefix: string, nowMs: number = Date.now()): string {
  const time = nowMs.toString(36).padStart(9, '0');
  return `${prefix}_${time}${random8Hex()}`;
}

import { sql } from 'drizzle-orm';
import { jsonList } from '../server/db/bulk';
import { contacts } from '../server/db/schema';
import type { BenchEnv } from './bench-db';
import { ALL_WEEK, seedContacts, seedMailboxes } from './seed';

/** Every how many contacts one lacks the first name the first email uses. */
const WARNED_EVERY = 10;

/**
 * One POST enrolling `n` contacts: the whole request, validation and warnings included. Every tenth
 * contact has no first name, which the first email's {{firstName}} needs, so the request computes,
 * returns and records (acceptedWarnings in the history row) a missing_dynamic_variable warning for
 * it; skipValidation enrolls them anyway, as the console does once the user accepts the warnings.
 * skipValidation changes only whether a warned contact is refused: warnings are computed either way.
 */
export async function enrollBench(env: BenchEnv, n: number): Promise<{ ms: number; warnings: number }> {
  const ids = await seedContacts(env.db.database.db, env.admin.teamId, n, 'enroll');
  const warned = ids.filter((_id, i) => i % WARNED_EVERY === 0);
  await env.db.database.db
    .update(contacts)
    .set({ firstName: null })
    .where(sql`${contacts.id} in ${jsonList(warned)}`);
  const [mailbox] = await seedMailboxes(env.db.database.db, env.admin.teamId, env.admin.id, 1);
  const headers = { authorization: `Bearer ${env.admin.token}`, 'content-type': 'application/json' };
  const seq = await env.app.request('/api/sequences', {
    method: 'POST',
    headers,
    body: JSON.stringify({
      name: 'Bulk',
      active: true,
      schedule: ALL_WEEK,
      steps: [{ type: 'auto_email', waitMinutes: 60, subject: 'Hi', body: 'Hello {{firstName}}' }],
    }),
  });
  const { id } = (await seq.json()) as { id: string };
  const start = performance.now();
  const res = await env.app.request(`/api/sequences/${id}/enrollments`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ contactIds: ids, mailboxIds: [mailbox], skipValidation: true }),
  });
  const body = (await res.json()) as { enrollments: unknown[]; warnings: unknown[] };
  const ms = performance.now() - start;
  if (body.enrollments.length !== n) throw new Error(`enrolled ${body.enrollments.length} of ${n}`);
  if (body.warnings.length !== warned.length)
    throw new Error(`${body.warnings.length} warnings for ${warned.length} contacts without a first name`);
  return { ms, warnings: body.warnings.length };
}

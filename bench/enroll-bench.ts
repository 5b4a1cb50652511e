import type { BenchEnv } from './bench-db';
import { ALL_WEEK, seedContacts, seedMailboxes } from './seed';

/** One POST enrolling `n` contacts: the whole request, validation and warnings included. */
export async function enrollBench(env: BenchEnv, n: number): Promise<number> {
  const ids = await seedContacts(env.db.database.db, env.admin.teamId, n, 'enroll');
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
  const body = (await res.json()) as { enrollments: unknown[] };
  const ms = performance.now() - start;
  if (body.enrollments.length !== n) throw new Error(`enrolled ${body.enrollments.length} of ${n}`);
  return ms;
}

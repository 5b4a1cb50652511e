import type { BenchEnv } from './bench-db';
import { ALL_WEEK, seedContacts, seedMailboxes } from './seed';

export const BULK_ACTIONS = ['pause', 'resume', 'finish', 'remove', 'reenroll'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/**
 * `n` enrollments (enrolled through the API, not measured), then one POST /api/enrollments/bulk per
 * action over all of them, in an order where every one applies: pause, resume, finish, remove,
 * reenroll (every removed one carries on from its step).
 * Milliseconds per whole request, checks, history rows and answer included.
 */
export async function bulkBench(env: BenchEnv, n: number): Promise<Map<BulkAction, number>> {
  const contactIds = await seedContacts(env.db.database.db, env.admin.teamId, n, 'bulk');
  const [mailbox] = await seedMailboxes(env.db.database.db, env.admin.teamId, env.admin.id, 1, 'bulk-sender');
  const headers = { authorization: `Bearer ${env.admin.token}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown) => {
    const res = await env.app.request(path, { method: 'POST', headers, body: JSON.stringify(body) });
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const seq = await post('/api/sequences', {
    name: 'Bulk lifecycle',
    active: true,
    schedule: ALL_WEEK,
    steps: [
      { type: 'auto_email', waitMinutes: 60, subject: 'Hi', body: 'Hello {{firstName}}' },
      { type: 'auto_email', waitMinutes: 2 * 24 * 60, subject: 'Again', body: 'Hello again' },
    ],
  });
  const enrolled = (await post(`/api/sequences/${seq.id}/enrollments`, {
    contactIds,
    mailboxIds: [mailbox],
    skipValidation: true,
  })) as { enrollments: { id: string }[] };
  const ids = enrolled.enrollments.map((e) => e.id);
  const out = new Map<BulkAction, number>();
  const body: Record<BulkAction, Record<string, unknown>> = {
    pause: { resumeAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString() },
    resume: {},
    finish: { reason: 'meeting_booked' },
    remove: {},
    reenroll: {},
  };
  for (const action of BULK_ACTIONS) {
    const start = performance.now();
    const r = (await post('/api/enrollments/bulk', { ids, action, ...body[action] })) as {
      results: { ok: boolean }[];
    };
    out.set(action, performance.now() - start);
    const failed = r.results.filter((x) => !x.ok).length;
    if (failed > 0) throw new Error(`bulk ${action}: ${failed} of ${ids.length} failed`);
  }
  return out;
}

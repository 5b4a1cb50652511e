import type { RequestOf, ResultOf } from '../../shared/schemas/extension-messages';
import { observeResultSchema } from '../../shared/schemas/observe';
import type { StrideApi } from '../lib/api/api-core';
import type { StrideDb } from './db';

type ObserveRequest = RequestOf<'thread.observe'>;
type ObservedMessage = ObserveRequest['messages'][number];

const KEEP_REPORTED_MS = 180 * 24 * 3600_000;

/**
 * What makes a message "the same" across page loads: the host's own id when it gave one (Gmail's
 * message id, whether or not its headers could be read this time), else its Message-ID.
 */
export function reportKey(host: string, threadId: string, m: ObservedMessage): string {
  if (m.key) return `${host}|key|${m.key}`;
  if (m.messageId) return `${host}|id|${m.messageId}`;
  return `${host}|${threadId}|${m.from}|${m.date}|${(m.text ?? '').slice(0, 200)}`;
}

/** Reports each message of a thread once: keys of reported messages are kept in the cache. */
export function createObserver(db: StrideDb, api: StrideApi, now: () => number = Date.now) {
  return {
    async observe(request: ObserveRequest): Promise<ResultOf<'thread.observe'>> {
      const keyed = request.messages.map((m) => ({ key: reportKey(request.host, request.threadId, m), m }));
      const done = await db.reported.bulkGet(keyed.map((k) => k.key));
      const fresh = keyed.filter((_, i) => !done[i]);
      if (fresh.length === 0) return { type: 'thread.observe', reported: 0, events: [] };
      const body = {
        host: request.host,
        threadId: request.threadId,
        ...(request.subject ? { subject: request.subject } : {}),
        messages: fresh.map(({ m }) => {
          const { key: _local, ...message } = m;
          return message;
        }),
      };
      const result = await api.call((s) => s.api.threads.observe.$post({ json: body }), observeResultSchema);
      const at = now();
      await db.reported.bulkPut(fresh.map((k) => ({ key: k.key, reportedAt: at })));
      await db.reported
        .where('reportedAt')
        .below(at - KEEP_REPORTED_MS)
        .delete();
      return { type: 'thread.observe', reported: fresh.length, events: result.events };
    },
  };
}

import type { z } from 'zod';
import type { ServerClient, StrideApi } from '../../lib/api/api-core';

type PageQuery = { limit: number; cursor: string | undefined };

/** Follows `nextCursor` until the list ends or `max` items are in (API.md pages hold ≤ 1000). */
export async function fetchAll<T>(
  api: StrideApi,
  route: (server: ServerClient, query: PageQuery) => ReturnType<Parameters<StrideApi['call']>[0]>,
  schema: z.ZodType<{ items: T[]; nextCursor?: string | undefined }>,
  max = 20_000,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.call((s) => route(s, { limit: 1000, cursor }), schema);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items.slice(0, max);
}

/** Runs `work` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

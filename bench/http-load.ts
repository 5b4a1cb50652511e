import { percentile } from './bench-db';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Closed-loop load: `concurrency` clients each send the next request as soon as the last answers. */
export async function httpLoad(
  url: string | (() => string),
  init: RequestInit,
  opts: { durationMs: number; concurrency: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  const end = performance.now() + opts.durationMs;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const res = await fetch(typeof url === 'function' ? url() : url, init);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${res.status} from ${typeof url === 'function' ? url() : url}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

import http from 'node:http';
import { percentile } from './bench-db';

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LoadRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/*
 * The client is node:http with keep-alive, one socket per client. Node's fetch (undici) cost the
 * generating process several times what a bare Hono route costs the server (measured: ~600 req/s
 * through fetch against ~4,000 through node:http, same server, same machine), so through fetch the
 * bare figure measured the client, not the server, and every ratio to it looked better than it is.
 */
function send(agent: http.Agent, url: URL, req: LoadRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const r = http.request(url, { agent, method: req.method ?? 'GET', headers: req.headers ?? {} }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200 ? resolve() : reject(new Error(`${res.statusCode} from ${url}`)),
      );
    });
    r.on('error', reject);
    r.end(req.body);
  });
}

/** Closed-loop load: `concurrency` clients each send the next request as soon as the last answers. */
export async function httpLoad(
  url: string | (() => string),
  req: LoadRequest,
  opts: { durationMs: number; concurrency: number },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latencies: number[] = [];
  const end = performance.now() + opts.durationMs;
  const start = performance.now();
  try {
    await Promise.all(
      Array.from({ length: opts.concurrency }, async () => {
        while (performance.now() < end) {
          const t0 = performance.now();
          await send(agent, new URL(typeof url === 'function' ? url() : url), req);
          latencies.push(performance.now() - t0);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

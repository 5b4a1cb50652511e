import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { BenchEnv } from './bench-db';
import { httpLoad, type LoadResult } from './http-load';
import { seedContacts } from './seed';

export interface ApiBenchResult {
  bare: LoadResult;
  contactByEmail: LoadResult;
  changes: LoadResult;
  preflight: LoadResult;
}

function listen(
  fetch: (req: Request) => Response | Promise<Response>,
): Promise<{ url: string; close: () => void }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => server.close() }),
    );
  });
}

/**
 * The extension's hot reads through real HTTP, next to a bare Hono route served the same way in the
 * same run: the ratio shows what auth, validation and the database cost on top of the framework.
 */
export async function apiBench(env: BenchEnv, durationMs: number): Promise<ApiBenchResult> {
  const n = 5000;
  await seedContacts(env.db.database.db, env.admin.teamId, n, 'api');
  const bare = await listen(new Hono().get('/ping', (c) => c.json({ ok: true })).fetch);
  const stride = await listen(env.app.fetch);
  const auth = { headers: { authorization: `Bearer ${env.admin.token}` } };
  const opts = { durationMs, concurrency: 16 };
  const randomEmail = () =>
    `api${Math.floor(Math.random() * n)}@prospect${Math.floor(Math.random() * 97)}.test`;
  try {
    const result: ApiBenchResult = {
      bare: await httpLoad(`${bare.url}/ping`, {}, opts),
      contactByEmail: await httpLoad(() => `${stride.url}/api/contacts?email=${randomEmail()}`, auth, opts),
      // A caught-up client asks for what changed since its cursor: usually little or nothing.
      changes: await httpLoad(`${stride.url}/api/changes?cursor=${n - 10}&limit=100`, auth, opts),
      preflight: await httpLoad(
        `${stride.url}/api/preflight`,
        {
          method: 'POST',
          headers: { ...auth.headers, 'content-type': 'application/json' },
          body: JSON.stringify({
            email: 'api42@prospect42.test',
            subject: 'Hi {{firstName}}',
            body: 'Hello {{firstName}}',
          }),
        },
        opts,
      ),
    };
    return result;
  } finally {
    bare.close();
    stride.close();
  }
}

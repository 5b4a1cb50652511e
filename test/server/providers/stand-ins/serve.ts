import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningStandIn {
  url: string;
  close(): Promise<void>;
}

/** Serves a stand-in Hono app on 127.0.0.1 at a free port. */
export function serveStandIn(app: Hono): Promise<RunningStandIn> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            // fetch keeps connections alive; without this, close() waits for them to time out.
            (server as Server).closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** A port nothing listens on: bind, read the number, release. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ScriptedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Turns a scripted error into a Response: objects as JSON, strings as plain text (Mailgun's 401). */
export function scripted(response: ScriptedResponse): Response {
  const isText = typeof response.body === 'string';
  const headers = new Headers(response.headers);
  if (response.body !== undefined && !headers.has('content-type')) {
    headers.set('content-type', isText ? 'text/plain' : 'application/json');
  }
  const body =
    response.body === undefined ? null : isText ? (response.body as string) : JSON.stringify(response.body);
  return new Response(body, { status: response.status, headers });
}

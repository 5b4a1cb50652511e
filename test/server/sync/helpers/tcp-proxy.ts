import { type AddressInfo, createConnection, createServer, type Socket } from 'node:net';

export interface RunningProxy {
  port: number;
  /** Connections open right now. */
  open(): number;
  /**
   * The open connections go silent both ways without closing: what a NAT or firewall that dropped
   * its state, or a frozen server, looks like to the client. New connections are not affected.
   */
  freeze(): void;
  close(): Promise<void>;
}

/** A TCP relay on 127.0.0.1 to `targetPort`, to cut a live connection off without a FIN. */
export async function startTcpProxy(targetPort: number): Promise<RunningProxy> {
  const pairs = new Set<[Socket, Socket]>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    open: () => pairs.size,
    freeze() {
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    async close() {
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

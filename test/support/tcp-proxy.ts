import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Cuts every connection and refuses new ones: the service looks gone. */
  stop(): Promise<void>;
  /** Listens again on the same port: the service looks back. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A loopback TCP relay in front of a real service (Redis, PostgreSQL), so a test can take the service away
 * from one client and bring it back without touching the service itself.
 */
export async function createTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        server = next;
        const address = next.address();
        if (address && typeof address === 'object') port = address.port;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (!server) {
        resolve();
        return;
      }
      server.close(() => resolve());
      server = undefined;
    });

  await listen();
  return {
    get port() {
      return port;
    },
    stop,
    start: listen,
    close: stop,
  };
}

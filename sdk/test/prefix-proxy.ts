import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';

export interface PrefixProxy {
  /** `http://127.0.0.1:port/support`: the base URL a client is given. */
  url: string;
  /** Every path asked of the proxy (HTTP and WebSocket upgrades), as the client sent it. */
  readonly requested: string[];
  close(): Promise<void>;
}

/**
 * A reverse proxy that serves Livedesk under a path prefix, as a site does that mounts its support under
 * `/support`: it strips the prefix on the way in (HTTP and WebSocket upgrades), and answers 404 for any
 * path outside it, so a client that drops the prefix fails.
 */
export async function startPrefixProxy(target: string, prefix: `/${string}`): Promise<PrefixProxy> {
  const upstream = new URL(target);
  const requested: string[] = [];
  const sockets = new Set<net.Socket>();
  const strip = (path: string | undefined): string | undefined => {
    requested.push(path ?? '');
    if (path === undefined || !path.startsWith(`${prefix}/`)) return undefined;
    return path.slice(prefix.length);
  };

  const server = http.createServer((request, response) => {
    const path = strip(request.url);
    if (path === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('outside the prefix');
      return;
    }
    const forwarded = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path,
        headers: { ...request.headers, host: upstream.host },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forwarded.on('error', () => response.destroy());
    request.pipe(forwarded);
  });

  server.on('upgrade', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const path = strip(request.url);
    if (path === undefined) {
      client.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const relay = net.connect(Number(upstream.port), upstream.hostname, () => {
      const headers = Object.entries(request.headers).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value ?? '']).map((one) => `${name}: ${one}\r\n`),
      );
      relay.write(`${request.method ?? 'GET'} ${path} HTTP/1.1\r\n${headers.join('')}\r\n`);
      if (head.length > 0) relay.write(head);
      relay.pipe(client);
      client.pipe(relay);
    });
    sockets.add(relay);
    relay.on('close', () => sockets.delete(relay));
    for (const socket of [client, relay])
      socket.on('error', () => {
        client.destroy();
        relay.destroy();
      });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requested,
    async close() {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

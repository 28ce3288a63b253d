import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';

export interface LeaderProxy {
  /** Forwards one HTTP request to the leader, streaming both bodies. */
  request(request: IncomingMessage, response: ServerResponse): void;
  /** Forwards one WebSocket upgrade to the leader as raw bytes both ways: frames, pings and closes pass as they are. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Ends every forwarded socket (the leader changed or this node stops): clients reconnect through the balancer. */
  dropAll(): void;
  /** Sockets forwarded now. */
  readonly openSockets: number;
}

export interface LeaderProxyOptions {
  /** The leader's address (`http://10.0.0.5:3000`); undefined while none is known. */
  leaderUrl: () => string | undefined;
  /** Whether this node trusts the X-Forwarded-For of whoever connects to it (the load balancer). */
  trustProxy: boolean;
}

/** Request headers that describe one hop, not the request: never forwarded. */
const HOP_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
]);

/**
 * A follower's whole job towards clients: hand each request and socket to the leader, which runs every
 * conversation and the desk. The client's address goes along in X-Forwarded-For as this node would count it,
 * so the leader's per-address limits see the client, not this node.
 */
export function createLeaderProxy(options: LeaderProxyOptions): LeaderProxy {
  const sockets = new Set<Duplex>();

  const forwardedFor = (request: IncomingMessage): string => {
    const claimed = request.headers['x-forwarded-for'];
    const chain = Array.isArray(claimed) ? claimed.join(', ') : claimed;
    if (options.trustProxy && chain) return chain;
    return request.socket.remoteAddress ?? 'unknown';
  };

  const target = (): URL | undefined => {
    const url = options.leaderUrl();
    return url === undefined ? undefined : new URL(url);
  };

  return {
    get openSockets() {
      return sockets.size;
    },
    request(request, response) {
      const leader = target();
      if (!leader) {
        unavailable(response);
        return;
      }
      const headers: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (!HOP_HEADERS.has(name) && value !== undefined) headers[name] = value;
      }
      headers['x-forwarded-for'] = forwardedFor(request);
      const upstream = http.request(
        {
          host: leader.hostname,
          port: leader.port || 80,
          method: request.method,
          path: request.url,
          headers,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.on('error', () => {
        if (!response.headersSent) unavailable(response);
        else response.destroy();
      });
      request.pipe(upstream);
    },
    upgrade(request, socket, head) {
      const leader = target();
      if (!leader) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 1\r\n\r\n');
        return;
      }
      const upstream = net.connect(Number(leader.port || 80), leader.hostname);
      const pair = [socket, upstream];
      const end = () => {
        for (const side of pair) {
          side.destroy();
          sockets.delete(side);
        }
      };
      sockets.add(socket);
      socket.on('error', end);
      socket.on('close', end);
      upstream.on('error', end);
      upstream.on('close', end);
      upstream.on('connect', () => {
        const lines = [`${request.method ?? 'GET'} ${request.url ?? '/'} HTTP/1.1`];
        for (let index = 0; index < request.rawHeaders.length; index += 2) {
          const name = request.rawHeaders[index]!;
          if (name.toLowerCase() === 'x-forwarded-for') continue;
          lines.push(`${name}: ${request.rawHeaders[index + 1]!}`);
        }
        lines.push(`X-Forwarded-For: ${forwardedFor(request)}`);
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length > 0) upstream.write(head);
        socket.pipe(upstream);
        upstream.pipe(socket);
      });
    },
    dropAll() {
      for (const socket of [...sockets]) socket.destroy();
      sockets.clear();
    },
  };
}

function unavailable(response: ServerResponse): void {
  response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
  response.end(
    JSON.stringify({
      error: { code: 'unavailable', message: 'no node leads the cluster yet; try again shortly' },
    }),
  );
}

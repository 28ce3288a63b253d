import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { refuseUpgrade } from '../realtime/socket-gateway.js';

export interface LeaderProxy {
  /** Forwards one HTTP request to the leader, streaming both bodies. */
  request(request: IncomingMessage, response: ServerResponse): void;
  /** Forwards one WebSocket upgrade to the leader as raw bytes both ways: frames, pings and closes pass as they are. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Ends every forwarded socket and request (the leader changed or this node stops): clients retry through the balancer. */
  dropAll(): void;
  /** Sockets and requests forwarded now. */
  readonly openSockets: number;
}

export interface LeaderProxyOptions {
  /** The leader's address (`http://10.0.0.5:3000`); undefined while none is known. */
  leaderUrl: () => string | undefined;
  /** Whether this node trusts the X-Forwarded-For of whoever connects to it (the load balancer). */
  trustProxy: boolean;
  /** A forwarded request the leader has not answered by then gets 504. Default 30 s. */
  requestTimeoutMs?: number | undefined;
}

/** Request headers that describe one hop, not the request: never forwarded as they came. */
const HOP_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'x-forwarded-for',
]);

/**
 * A follower's whole job towards clients: hand each request and socket to the leader, which runs every
 * conversation and the desk. The client's address goes along in X-Forwarded-For as this node would count it,
 * so the leader's per-address limits see the client, not this node. A chunked body is re-chunked on the
 * way (never sent on without a length, which the leader would read as a next request), on connections of
 * this proxy's own.
 */
export function createLeaderProxy(options: LeaderProxyOptions): LeaderProxy {
  const sockets = new Set<Duplex>();
  const requests = new Set<http.ClientRequest>();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const timeoutMs = options.requestTimeoutMs ?? 30_000;

  const forwardedFor = (request: IncomingMessage): string => {
    const claimed = request.headers['x-forwarded-for'];
    const chain = Array.isArray(claimed) ? claimed.join(', ') : claimed;
    if (options.trustProxy && chain) return chain;
    return request.socket.remoteAddress ?? 'unknown';
  };

  const target = (): { host: string; port: number } | undefined => {
    const url = options.leaderUrl();
    if (url === undefined) return undefined;
    const parsed = new URL(url);
    // `[fd00::5]` is how a URL writes an IPv6 host; a socket wants it bare.
    return { host: parsed.hostname.replace(/^\[|\]$/gu, ''), port: Number(parsed.port || 80) };
  };

  return {
    get openSockets() {
      return sockets.size + requests.size;
    },
    request(request, response) {
      const leader = target();
      if (!leader) {
        answer(response, 503, 'no node leads the cluster yet; try again shortly');
        return;
      }
      const named = new Set(
        String(request.headers.connection ?? '')
          .split(',')
          .map((name) => name.trim().toLowerCase()),
      );
      const headers: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (!HOP_HEADERS.has(name) && !named.has(name) && value !== undefined) headers[name] = value;
      }
      if (request.headers['transfer-encoding'] !== undefined) {
        delete headers['content-length'];
        headers['transfer-encoding'] = 'chunked';
      }
      headers['x-forwarded-for'] = forwardedFor(request);
      const upstream = http.request({
        agent,
        host: leader.host,
        port: leader.port,
        method: request.method,
        path: request.url,
        headers,
      });
      requests.add(upstream);
      upstream.setTimeout(timeoutMs, () => {
        if (!response.headersSent) answer(response, 504, 'the cluster leader did not answer in time');
        upstream.destroy();
      });
      upstream.on('response', (reply) => {
        response.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(response);
      });
      upstream.on('error', () => {
        if (!response.headersSent)
          answer(response, 503, 'the cluster leader cannot be reached; try again shortly');
        else response.destroy();
      });
      upstream.on('close', () => requests.delete(upstream));
      // A client that gave up takes its forwarded request with it.
      response.on('close', () => {
        if (!response.writableFinished) upstream.destroy();
      });
      request.pipe(upstream);
    },
    upgrade(request, socket, head) {
      const leader = target();
      if (!leader) {
        refuseUpgrade(socket, 503, 'Service Unavailable');
        return;
      }
      const upstream = net.connect(leader.port, leader.host);
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
      for (const upstream of [...requests]) upstream.destroy();
      requests.clear();
    },
  };
}

function answer(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json', 'retry-after': '1' });
  response.end(JSON.stringify({ error: { code: status === 504 ? 'timeout' : 'unavailable', message } }));
}

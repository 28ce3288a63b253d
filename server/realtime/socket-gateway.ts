import { requestClientIp } from '../http/client-ip.js';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';

export interface SocketGatewayOptions {
  /** Behind a reverse proxy: the client's address from X-Forwarded-For, as the HTTP side takes it. */
  trustProxy?: boolean | undefined;
  /** The URL path this gateway answers, e.g. `/ws/viewer`. */
  path: string;
  /** Larger frames close the socket (1009). */
  maxPayloadBytes: number;
  /** Open sockets per client address. */
  maxConnectionsPerIp: number;
  /** Sockets that do not answer a ping within this interval are dropped. */
  heartbeatIntervalMs: number;
  /** `close()` waits this long for clients to acknowledge before cutting them off. */
  closeTimeoutMs: number;
  /**
   * A socket that has not joined (viewer) or authenticated (agent) this long after it opened is closed
   * with 1008: an idle socket that never says who it is only holds memory and a slot. Default: none.
   */
  admissionMs?: number | undefined;
  onConnection: (socket: WebSocket, client: ConnectedClient) => void;
  /** Runs with every heartbeat (housekeeping such as pruning rate-limit buckets). */
  onHeartbeat?: (() => void) | undefined;
}

/** What the gateway tells a channel about a new socket. */
export interface ConnectedClient {
  /** The peer's address (rate limits and budgets per address). */
  ip: string;
  /** The socket joined or authenticated: its admission deadline no longer applies. */
  admitted: () => void;
}

/** The close code and reason for a socket that missed its admission deadline. */
export const ADMISSION_TIMEOUT = { code: 1008, reason: 'join or authenticate first' } as const;

/** One WebSocket endpoint: `routeUpgrades` hands it the upgrade requests for its path. */
export interface SocketGateway {
  readonly path: string;
  readonly connectionCount: number;
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Stops accepting, closes every socket with 1001 (going away) and waits for them. */
  close(): Promise<void>;
}

/** The plumbing the viewer and agent channels share: per-address limits, heartbeats, graceful close. */
export function createSocketGateway(options: SocketGatewayOptions): SocketGateway {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayloadBytes,
    perMessageDeflate: false,
  });
  const connectionsByIp = new Map<string, number>();
  const alive = new WeakSet<WebSocket>();
  let closing = false;

  const release = (ip: string): void => {
    const count = (connectionsByIp.get(ip) ?? 1) - 1;
    if (count <= 0) connectionsByIp.delete(ip);
    else connectionsByIp.set(ip, count);
  };

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
    options.onHeartbeat?.();
  }, options.heartbeatIntervalMs);
  heartbeat.unref();

  return {
    path: options.path,
    get connectionCount() {
      return wss.clients.size;
    },
    handleUpgrade(request, socket, head) {
      if (closing) return refuseUpgrade(socket, 503, 'Service Unavailable');
      const ip = requestClientIp(request, options.trustProxy ?? false);
      if ((connectionsByIp.get(ip) ?? 0) >= options.maxConnectionsPerIp)
        return refuseUpgrade(socket, 429, 'Too Many Requests');
      connectionsByIp.set(ip, (connectionsByIp.get(ip) ?? 0) + 1);
      socket.once('close', () => release(ip));
      wss.handleUpgrade(request, socket, head, (ws) => {
        alive.add(ws);
        ws.on('pong', () => alive.add(ws));
        ws.on('error', () => undefined);
        const deadline =
          options.admissionMs === undefined
            ? undefined
            : setTimeout(
                () => ws.close(ADMISSION_TIMEOUT.code, ADMISSION_TIMEOUT.reason),
                options.admissionMs,
              );
        deadline?.unref();
        const admitted = (): void => clearTimeout(deadline);
        ws.once('close', admitted);
        options.onConnection(ws, { ip, admitted });
      });
    },
    async close() {
      if (closing) return;
      closing = true;
      clearInterval(heartbeat);
      const sockets = [...wss.clients];
      const closed = sockets.map(
        (ws) =>
          new Promise<void>((resolve) =>
            ws.readyState === WebSocket.CLOSED ? resolve() : ws.once('close', () => resolve()),
          ),
      );
      for (const ws of sockets) ws.close(1001, 'server shutting down');
      const cutOff = setTimeout(() => sockets.forEach((ws) => ws.terminate()), options.closeTimeoutMs);
      await Promise.all(closed);
      clearTimeout(cutOff);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  // Node leaves an upgrade's socket without an error listener: a peer (a proxy) that resets it after the
  // refusal would otherwise end the process with an uncaught ECONNRESET.
  socket.on('error', () => undefined);
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

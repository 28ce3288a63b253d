import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import type { ConversationEvent } from '../../engine/conversation/conversation-events.js';
import type { ConversationHub } from '../../engine/conversation/conversation-hub.js';
import type { ObservedEventLog } from './observed-event-log.js';
import { RateLimiter, type RateLimit } from './token-bucket.js';
import { ViewerChannels } from './viewer-channels.js';
import { ViewerConnection } from './viewer-connection.js';

export interface ViewerGatewayOptions {
  hub: ConversationHub;
  /** The log the hub writes to, observed: events go out with their sequence once committed. */
  events: ObservedEventLog<ConversationEvent>;
  /** Default `/ws/viewer`. */
  path?: string;
  /** Larger frames close the socket (1009). Default 16 KiB. */
  maxPayloadBytes?: number;
  /** Viewer messages and final transcripts, per viewer. Default 5/s, burst 10. */
  messageRate?: RateLimit;
  /** Every frame, per socket. Default 30/s, burst 60. */
  frameRate?: RateLimit;
  /** Invalid frames per socket before it is closed (1008). Default 20, forgiven at 1/s. */
  invalidFrames?: RateLimit;
  /** Open viewer sockets per client address. Default 20. */
  maxConnectionsPerIp?: number;
  maxBufferedBytes?: number;
  /** Sockets that do not answer a ping within this interval are dropped. Default 30 s. */
  heartbeatIntervalMs?: number;
  /** `close()` waits this long for clients to acknowledge before cutting them off. Default 2 s. */
  closeTimeoutMs?: number;
  nowMs?: () => number;
}

export interface ViewerGateway {
  readonly connectionCount: number;
  /** Stops accepting, closes every socket with 1001 (going away) and waits for them. */
  close(): Promise<void>;
}

/**
 * The viewer WebSocket channel on an existing HTTP server. Sessions are anonymous for now: the join
 * frame names the viewer (and tier) and nothing checks it; signed per-room viewer tokens come later.
 */
export function attachViewerGateway(server: Server, options: ViewerGatewayOptions): ViewerGateway {
  const path = options.path ?? '/ws/viewer';
  const nowMs = options.nowMs ?? (() => performance.now());
  const maxConnectionsPerIp = options.maxConnectionsPerIp ?? 20;
  const closeTimeoutMs = options.closeTimeoutMs ?? 2000;
  const channels = new ViewerChannels({ hub: options.hub, events: options.events });
  const messages = new RateLimiter(options.messageRate ?? { perSecond: 5, burst: 10 }, nowMs);
  const limits = {
    messages,
    frameRate: options.frameRate ?? { perSecond: 30, burst: 60 },
    invalidFrames: options.invalidFrames ?? { perSecond: 1, burst: 20 },
    maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024,
    nowMs,
  };
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayloadBytes ?? 16 * 1024,
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

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname !== path) {
      // Another channel's path: leave it to its own handler, if there is one.
      if (server.listenerCount('upgrade') <= 1) refuse(socket, 404, 'Not Found');
      return;
    }
    if (closing) return refuse(socket, 503, 'Service Unavailable');
    const ip = request.socket.remoteAddress ?? 'unknown';
    if ((connectionsByIp.get(ip) ?? 0) >= maxConnectionsPerIp)
      return refuse(socket, 429, 'Too Many Requests');
    connectionsByIp.set(ip, (connectionsByIp.get(ip) ?? 0) + 1);
    socket.once('close', () => release(ip));
    wss.handleUpgrade(request, socket, head, (ws) => {
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      ws.on('error', () => undefined);
      new ViewerConnection({ socket: ws, channels, limits });
    });
  };
  server.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
    messages.prune();
  }, options.heartbeatIntervalMs ?? 30_000);
  heartbeat.unref();

  return {
    get connectionCount() {
      return wss.clients.size;
    },
    async close() {
      if (closing) return;
      closing = true;
      server.off('upgrade', onUpgrade);
      clearInterval(heartbeat);
      const sockets = [...wss.clients];
      const closed = sockets.map(
        (ws) =>
          new Promise<void>((resolve) =>
            ws.readyState === WebSocket.CLOSED ? resolve() : ws.once('close', () => resolve()),
          ),
      );
      for (const ws of sockets) ws.close(1001, 'server shutting down');
      const cutOff = setTimeout(() => sockets.forEach((ws) => ws.terminate()), closeTimeoutMs);
      await Promise.all(closed);
      clearTimeout(cutOff);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      channels.close();
    },
  };
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

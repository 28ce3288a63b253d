import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer, type RawData } from 'ws';
import { readBearerToken } from '../http/require-role.js';
import type { PlatformApiKey } from '../platform/platform-key-store.js';
import type { PlatformKeys } from '../platform/platform-keys.js';
import { DanmakuPushFrameSchema, MAX_DANMAKU_BATCH } from '../room-watch/danmaku-schemas.js';
import type { RoomWatchMetrics } from '../room-watch/room-watch-metrics.js';
import type { RoomWatchService } from '../room-watch/room-watch-service.js';
import { rawText } from './raw-text.js';
import { refuseUpgrade, type SocketGateway } from './socket-gateway.js';
import { RateLimiter } from './token-bucket.js';

export interface DanmakuPushGatewayOptions {
  keys: Pick<PlatformKeys, 'authenticate'>;
  rooms: Pick<RoomWatchService, 'push' | 'busyFor'>;
  metrics: RoomWatchMetrics;
  /** Default `/ws/platform/danmaku`. */
  path?: string;
  /** Default 1 MiB: a full batch of long comments. */
  maxPayloadBytes?: number;
  /** Malformed frames one socket may send (refilling at 1/s) before it is closed with 1008. Default 20. */
  malformedBurst?: number;
  heartbeatIntervalMs?: number;
  /** How often open sockets' keys are checked again: a revoked key's sockets close (4001). Default 2 s. */
  keyRecheckMs?: number;
}

/**
 * The platform's WebSocket push of live-room danmaku. The platform API key is checked on connect (the
 * `Authorization: Bearer` header of the upgrade): a socket without a valid key is never opened; open sockets'
 * keys are checked again every `keyRecheckMs`, and a revoked key's sockets are closed with 4001. Each frame is
 * one room's batch, acknowledged (or refused, with the reason) by its `ref`.
 */
export function createDanmakuPushGateway(options: DanmakuPushGatewayOptions): SocketGateway {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayloadBytes ?? 1024 * 1024,
    perMessageDeflate: false,
  });
  const alive = new WeakSet<WebSocket>();
  let closing = false;
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, options.heartbeatIntervalMs ?? 30_000);
  heartbeat.unref();
  // The key each open socket pushes with, and its secret: revoking the key closes its sockets within a tick.
  const keyed = new Map<WebSocket, { key: PlatformApiKey; secret: string }>();
  let rechecking = false;
  const recheck = setInterval(() => {
    if (rechecking || keyed.size === 0) return;
    rechecking = true;
    void recheckKeys().finally(() => {
      rechecking = false;
    });
  }, options.keyRecheckMs ?? 2000);
  recheck.unref();
  const recheckKeys = async (): Promise<void> => {
    // One lookup per secret however many sockets share it.
    const lookups = new Map<string, Promise<PlatformApiKey | undefined>>();
    for (const [ws, { key, secret }] of [...keyed]) {
      let lookup = lookups.get(secret);
      if (!lookup) {
        lookup = options.keys.authenticate(secret);
        lookups.set(secret, lookup);
      }
      let current: PlatformApiKey | undefined;
      try {
        current = await lookup;
      } catch {
        // The store blinked: the key is checked again next tick.
        continue;
      }
      if (current?.id === key.id) continue;
      keyed.delete(ws);
      if (ws.readyState === WebSocket.OPEN) {
        ws.send(
          JSON.stringify({ type: 'error', error: 'unauthenticated', message: 'the API key was revoked' }),
        );
        ws.close(4001, 'API key revoked');
      }
    }
  };

  const serve = (ws: WebSocket, key: PlatformApiKey, secret: string): void => {
    keyed.set(ws, { key, secret });
    ws.on('close', () => keyed.delete(ws));
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    ws.on('error', () => undefined);
    const strikes = new RateLimiter({ perSecond: 1, burst: options.malformedBurst ?? 20 });
    const refuse = (ref: string | undefined, error: string, message: string): void => {
      ws.send(JSON.stringify({ type: 'error', ...(ref === undefined ? {} : { ref }), error, message }));
    };
    ws.on('message', (data: RawData, isBinary: boolean) => {
      // Revoked (found by the recheck): nothing more is taken while the socket closes.
      if (!keyed.has(ws)) return;
      // Behind: refused before the frame is even parsed, so a platform that keeps pushing costs little.
      if (options.rooms.busyFor(key.id)) {
        options.metrics.refused('overloaded', 'ws');
        refuse(undefined, 'overloaded', 'busy; try again');
        return;
      }
      const frame = isBinary ? undefined : parseFrame(rawText(data));
      if (!frame?.success) {
        options.metrics.refused('malformed', 'ws');
        refuse(
          undefined,
          'malformed',
          `send {"type":"danmaku","roomId","items":[1..${MAX_DANMAKU_BATCH}]} as JSON text`,
        );
        if (!strikes.take('socket')) ws.close(1008, 'too many malformed frames');
        return;
      }
      const { roomId, items, ref } = frame.data;
      const outcome = options.rooms.push({ platformId: key.platformId, keyId: key.id }, roomId, items);
      if (!outcome.ok) {
        options.metrics.refused(outcome.reason, 'ws');
        refuse(
          ref,
          outcome.reason,
          outcome.reason === 'rate_limited' ? 'too many danmaku for this key or room' : 'busy; try again',
        );
        return;
      }
      ws.send(
        JSON.stringify({ type: 'ack', ...(ref === undefined ? {} : { ref }), accepted: outcome.accepted }),
      );
    });
  };

  return {
    path: options.path ?? '/ws/platform/danmaku',
    get connectionCount() {
      return wss.clients.size;
    },
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
      if (closing) return refuseUpgrade(socket, 503, 'Service Unavailable');
      socket.on('error', () => undefined);
      const secret = readBearerToken(request.headers.authorization);
      const authenticated =
        secret === undefined ? Promise.resolve(undefined) : options.keys.authenticate(secret);
      authenticated.then(
        (key) => {
          if (!key || closing) {
            if (!key) options.metrics.refused('unauthenticated', 'ws');
            return refuseUpgrade(
              socket,
              closing ? 503 : 401,
              closing ? 'Service Unavailable' : 'Unauthorized',
            );
          }
          wss.handleUpgrade(request, socket, head, (ws) => serve(ws, key, secret!));
        },
        () => refuseUpgrade(socket, 503, 'Service Unavailable'),
      );
    },
    async close() {
      if (closing) return;
      closing = true;
      clearInterval(heartbeat);
      clearInterval(recheck);
      const sockets = [...wss.clients];
      await Promise.all(
        sockets.map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === WebSocket.CLOSED) return resolve();
              ws.once('close', () => resolve());
              ws.close(1001, 'server shutting down');
              setTimeout(() => ws.terminate(), 2000).unref();
            }),
        ),
      );
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function parseFrame(text: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  return DanmakuPushFrameSchema.safeParse(raw);
}

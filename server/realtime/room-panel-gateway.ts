import WebSocket, { type RawData } from 'ws';
import { z } from 'zod';
import type { AccountChange, AccountChanges } from '../auth/account-changes.js';
import type { Auth } from '../auth/auth.js';
import { roleAllows, type Principal } from '../auth/principal.js';
import { ROOM_STAFF } from '../http/room-panel-routes.js';
import { RoomIdSchema } from '../room-watch/danmaku-schemas.js';
import type { RoomEvent, RoomWatchService } from '../room-watch/room-watch-service.js';
import { rawText } from './raw-text.js';
import { createSocketGateway, type SocketGateway } from './socket-gateway.js';
import { RateLimiter } from './token-bucket.js';

const RoomPanelFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('auth'), token: z.string().min(1).max(4096) }),
  z.strictObject({
    type: z.literal('watch'),
    platformId: z.string().trim().min(1).max(64),
    roomId: RoomIdSchema,
  }),
  z.strictObject({ type: z.literal('ping') }),
]);

export interface RoomPanelGatewayOptions {
  rooms: Pick<RoomWatchService, 'subscribe' | 'recentStream'>;
  /** `verify` checks the `auth` frame's token; `current` the account on every frame and timer tick after it. */
  auth: Pick<Auth, 'verify' | 'current'>;
  /** Admin changes to accounts: a revoked or demoted account's sockets close at once. */
  accountChanges?: Pick<AccountChanges, 'subscribe'> | undefined;
  /** How often signed-in sockets meet their account as it is now (the rooms push without frames). Default 1 s. */
  accountCheckMs?: number;
  /** Default `/ws/rooms`. */
  path?: string;
  trustProxy?: boolean | undefined;
  /** A socket this far behind on sending misses stream batches (alerts still go). Default 2 MiB. */
  maxBufferedBytes?: number;
}

interface SignedInSocket {
  followAccount(): boolean;
  accountChanged(change: AccountChange): void;
}

/**
 * Live updates for the room panel: authenticate with a staff token (`auth` frame, as on /ws/agent), `watch` one
 * room, then get its stream in batches and every alert change. As on /ws/agent the account is checked again on
 * every frame, every `accountCheckMs` and on every account change: a revoked, disabled or demoted account's
 * socket closes (4001 revoked or expired, 4003 no longer room staff) and hears nothing more.
 */
export function createRoomPanelGateway(options: RoomPanelGatewayOptions): SocketGateway {
  const maxBuffered = options.maxBufferedBytes ?? 2 * 1024 * 1024;
  const signedIn = new Set<SignedInSocket>();
  const checks = setInterval(() => {
    for (const socket of [...signedIn]) socket.followAccount();
  }, options.accountCheckMs ?? 1000);
  checks.unref();
  const unsubscribeChanges = options.accountChanges?.subscribe((change) => {
    for (const socket of [...signedIn]) socket.accountChanged(change);
  });
  const gateway = createSocketGateway({
    path: options.path ?? '/ws/rooms',
    maxPayloadBytes: 16 * 1024,
    maxConnectionsPerIp: 50,
    trustProxy: options.trustProxy,
    heartbeatIntervalMs: 30_000,
    closeTimeoutMs: 2000,
    admissionMs: 10_000,
    onConnection: (socket, client) => {
      let principal: Extract<Principal, { kind: 'staff' }> | undefined;
      let unsubscribe: (() => void) | undefined;
      let tokenVersion = 0;
      let expiresAtMs = Infinity;
      const frames = new RateLimiter({ perSecond: 10, burst: 20 });
      const send = (message: unknown) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
      };
      const relay = (event: RoomEvent) => {
        if (!principal) return;
        if (event.type === 'stream' && socket.bufferedAmount > maxBuffered) return;
        send(event);
      };
      const end = (code: number, reason: string, error: 'unauthenticated' | 'forbidden'): void => {
        send({ type: 'error', error, message: reason });
        principal = undefined;
        unsubscribe?.();
        unsubscribe = undefined;
        signedIn.delete(session);
        socket.close(code, reason);
      };
      /** The account as it is now: false (and closed) when this socket may no longer watch rooms. */
      const followAccount = (): boolean => {
        if (!principal) return true;
        if (Date.now() >= expiresAtMs) {
          end(4001, 'session expired', 'unauthenticated');
          return false;
        }
        const now = options.auth.current({ userId: principal.userId, tokenVersion });
        if (!now) {
          end(4001, 'session revoked', 'unauthenticated');
          return false;
        }
        if (!roleAllows(now.role, ROOM_STAFF)) {
          end(4003, 'role changed: no longer room staff', 'forbidden');
          return false;
        }
        principal = now;
        return true;
      };
      const session: SignedInSocket = {
        followAccount,
        accountChanged(change) {
          if (!principal || principal.userId !== change.userId) return;
          if (change.kind === 'revoked') {
            end(4001, `session revoked: ${change.reason}`, 'unauthenticated');
            return;
          }
          // The change bumped the token version; this socket was signed in under the one before, so it follows.
          tokenVersion = change.tokenVersion;
          followAccount();
        },
      };
      socket.on('close', () => {
        signedIn.delete(session);
        unsubscribe?.();
      });
      // Frames are handled in order: a `watch` sent right behind `auth` waits for the token check.
      let queue: Promise<void> = Promise.resolve();
      socket.on('message', (data: RawData, isBinary: boolean) => {
        queue = queue
          .then(() => handle(data, isBinary))
          .catch(() => send({ type: 'error', error: 'internal' }));
      });
      const handle = async (data: RawData, isBinary: boolean): Promise<void> => {
        if (!frames.take('socket') || isBinary) return send({ type: 'error', error: 'invalid_frame' });
        let raw: unknown;
        try {
          raw = JSON.parse(rawText(data));
        } catch {
          return send({ type: 'error', error: 'invalid_json' });
        }
        const frame = RoomPanelFrameSchema.safeParse(raw);
        if (!frame.success) return send({ type: 'error', error: 'invalid_frame' });
        // Every frame of a signed-in socket first meets the account as it is now.
        if (!followAccount()) return;
        switch (frame.data.type) {
          case 'ping':
            return send({ type: 'pong' });
          case 'auth': {
            const verified = await options.auth.verify(frame.data.token);
            if (
              verified?.kind !== 'staff' ||
              verified.tokenVersion === undefined ||
              !roleAllows(verified.role, ROOM_STAFF)
            ) {
              send({ type: 'error', error: 'unauthenticated' });
              return socket.close(1008, 'a moderator, supervisor or admin token is required');
            }
            if (socket.readyState !== WebSocket.OPEN) return;
            principal = verified;
            tokenVersion = verified.tokenVersion;
            // A socket lives no longer than the token it signed in with (checked on every tick and frame).
            expiresAtMs = Date.now() + (verified.expiresInMs ?? Infinity);
            signedIn.add(session);
            client.admitted();
            return send({ type: 'ready', userId: principal.userId });
          }
          case 'watch': {
            if (!principal) return send({ type: 'error', error: 'unauthenticated' });
            unsubscribe?.();
            const { platformId, roomId } = frame.data;
            unsubscribe = options.rooms.subscribe(platformId, roomId, relay);
            return send({
              type: 'stream',
              platformId,
              roomId,
              entries: options.rooms.recentStream(platformId, roomId, 100),
              skipped: 0,
            });
          }
        }
      };
    },
  });
  return {
    path: gateway.path,
    get connectionCount() {
      return gateway.connectionCount;
    },
    handleUpgrade: (request, socket, head) => gateway.handleUpgrade(request, socket, head),
    async close() {
      clearInterval(checks);
      unsubscribeChanges?.();
      await gateway.close();
    },
  };
}

import type { Principal } from '../auth/principal.js';
import type { ConversationDirectory } from '../desk/conversation-directory.js';
import type { ConversationChannel } from './conversation-channel.js';
import { createSocketGateway, type SocketGateway } from './socket-gateway.js';
import { RateLimiter, type RateLimit } from './token-bucket.js';
import { ViewerConnection } from './viewer-connection.js';

export interface ViewerGatewayOptions {
  directory: ConversationDirectory;
  /** Checks the viewer token of a `join` frame. */
  auth: { verify(token: string): Principal | undefined };
  /** Called when a socket has joined a conversation (the desk sends a waiting viewer their place). */
  onJoined?: ((channel: ConversationChannel) => void) | undefined;
  /** Called when a joined socket closes. */
  onLeft?: ((channel: ConversationChannel) => void) | undefined;
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

export type ViewerGateway = SocketGateway;

/** The viewer WebSocket channel; serve it with `routeUpgrades(server, [gateway, ...])`. */
export function createViewerGateway(options: ViewerGatewayOptions): ViewerGateway {
  const nowMs = options.nowMs ?? (() => performance.now());
  const messages = new RateLimiter(options.messageRate ?? { perSecond: 5, burst: 10 }, nowMs);
  const limits = {
    messages,
    frameRate: options.frameRate ?? { perSecond: 30, burst: 60 },
    invalidFrames: options.invalidFrames ?? { perSecond: 1, burst: 20 },
    maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024,
    nowMs,
  };
  return createSocketGateway({
    path: options.path ?? '/ws/viewer',
    maxPayloadBytes: options.maxPayloadBytes ?? 16 * 1024,
    maxConnectionsPerIp: options.maxConnectionsPerIp ?? 20,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 30_000,
    closeTimeoutMs: options.closeTimeoutMs ?? 2000,
    onHeartbeat: () => messages.prune(),
    onConnection: (socket) =>
      new ViewerConnection({
        socket,
        directory: options.directory,
        auth: options.auth,
        limits,
        onJoined: options.onJoined,
        onLeft: options.onLeft,
      }),
  });
}

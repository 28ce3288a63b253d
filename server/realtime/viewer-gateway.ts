import type { Principal } from '../auth/principal.js';
import type { ConversationDirectory } from '../desk/conversation-directory.js';
import type { ConversationChannel } from './conversation-channel.js';
import { processLoopSlice } from '../pacing/loop-slice.js';
import { createWorkPacer } from '../pacing/work-pacer.js';
import { createRevokedIdentityWatch } from './revoked-identity-watch.js';
import { createSocketGateway, type SocketGateway } from './socket-gateway.js';
import { RateLimiter, type RateLimit } from './token-bucket.js';
import { ViewerConnection, type ViewerConnectionOptions } from './viewer-connection.js';
import type { ViewerEventContext } from './viewer-event.js';

export interface ViewerGatewayOptions {
  directory: ConversationDirectory;
  /** Checks the viewer token of a `join` frame. */
  auth: { verify(token: string): Promise<Principal | undefined> };
  /** Refuses the join of a verified viewer whose platform key was revoked (server/platform/signing-key-states.ts). */
  revokedIdentity?: ((token: string) => Promise<string | undefined>) | undefined;
  /** How often open verified sockets are checked against `revokedIdentity` (revoked-identity-watch.ts). Default 3 s. */
  revokedIdentityCheckMs?: number | undefined;
  /** Whether the node can store messages now (server/storage/store-health.ts); absent: always. */
  accepting?: (() => boolean) | undefined;
  /** Takes submitted dispute forms (server/disputes/); absent: refused. */
  disputes?: ViewerConnectionOptions['disputes'];
  /** Called when a socket has joined a conversation (the desk sends a waiting viewer their place). */
  onJoined?: ((channel: ConversationChannel) => void) | undefined;
  /** Called when a joined socket closes. */
  onLeft?: ((channel: ConversationChannel) => void) | undefined;
  /** What viewers may learn of the staff (the name of the agent who took their conversation). */
  eventContext?: ViewerEventContext | undefined;
  /** Streamed voice (server/voice/); absent: `voice-start` is refused with `voice_unavailable`. */
  voice?: ViewerConnectionOptions['voice'];
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
  /** Client addresses from X-Forwarded-For (LIVEDESK_TRUST_PROXY), for every per-address limit. */
  trustProxy?: boolean | undefined;
  maxBufferedBytes?: number;
  /** Sockets that do not answer a ping within this interval are dropped. Default 30 s. */
  heartbeatIntervalMs?: number;
  /** `close()` waits this long for clients to acknowledge before cutting them off. Default 2 s. */
  closeTimeoutMs?: number;
  /** A socket that has not joined this long after it opened is closed (1008). Default: none. */
  admissionMs?: number | undefined;
  /**
   * Characters given to the matcher per viewer and per client address; over either, a message is refused
   * with `rate_limited` ("slow down"). `maxCharsPerMessage`: what one message costs at most (the matcher
   * reads no more). Default: unlimited.
   */
  matchChars?: { perViewer: RateLimit; perAddress: RateLimit; maxCharsPerMessage: number } | undefined;
  /** New conversations per viewer and per client address; over either, the join is refused. Default: unlimited. */
  newConversations?: { perViewer: RateLimit; perAddress: RateLimit } | undefined;
  /** `false`: messages are taken in at once, in the frame handler (default: paced, server/pacing/work-pacer.ts). */
  pacer?: false | undefined;
  nowMs?: () => number;
}

export type ViewerGateway = SocketGateway;

/** The viewer WebSocket channel; serve it with `routeUpgrades(server, [gateway, ...])`. */
export function createViewerGateway(options: ViewerGatewayOptions): ViewerGateway {
  const nowMs = options.nowMs ?? (() => performance.now());
  const messages = new RateLimiter(options.messageRate ?? { perSecond: 5, burst: 10 }, nowMs);
  const matchChars = options.matchChars && {
    perViewer: new RateLimiter(options.matchChars.perViewer, nowMs),
    perAddress: new RateLimiter(options.matchChars.perAddress, nowMs),
    maxCharsPerMessage: options.matchChars.maxCharsPerMessage,
  };
  const newConversations = options.newConversations && {
    perViewer: new RateLimiter(options.newConversations.perViewer, nowMs),
    perAddress: new RateLimiter(options.newConversations.perAddress, nowMs),
  };
  // One queue for every viewer socket: a burst of messages is taken in with the event loop served between slices.
  const pacer = options.pacer === false ? undefined : createWorkPacer({ slice: processLoopSlice });
  const limits = {
    matchChars,
    newConversations,
    messages,
    frameRate: options.frameRate ?? { perSecond: 30, burst: 60 },
    invalidFrames: options.invalidFrames ?? { perSecond: 1, burst: 20 },
    maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024,
    nowMs,
  };
  const identityWatch =
    options.revokedIdentity &&
    createRevokedIdentityWatch({
      revokedIdentity: options.revokedIdentity,
      intervalMs: options.revokedIdentityCheckMs,
      onError: (error) => console.error('viewer identity check failed', { error }),
    });
  const gateway = createSocketGateway({
    path: options.path ?? '/ws/viewer',
    maxPayloadBytes: options.maxPayloadBytes ?? 16 * 1024,
    maxConnectionsPerIp: options.maxConnectionsPerIp ?? 20,
    trustProxy: options.trustProxy,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 30_000,
    closeTimeoutMs: options.closeTimeoutMs ?? 2000,
    admissionMs: options.admissionMs,
    onHeartbeat: () => {
      messages.prune();
      options.voice?.viewerAudio.prune();
      for (const limiter of [matchChars?.perViewer, matchChars?.perAddress]) limiter?.prune();
      for (const limiter of [newConversations?.perViewer, newConversations?.perAddress]) limiter?.prune();
    },
    onConnection: (socket, client) =>
      new ViewerConnection({
        socket,
        client,
        pacer,
        directory: options.directory,
        auth: options.auth,
        revokedIdentity: options.revokedIdentity,
        identityWatch,
        limits,
        accepting: options.accepting,
        disputes: options.disputes,
        onJoined: options.onJoined,
        onLeft: options.onLeft,
        eventContext: options.eventContext,
        voice: options.voice,
      }),
  });
  return {
    path: gateway.path,
    get connectionCount() {
      return gateway.connectionCount;
    },
    handleUpgrade: (request, socket, head) => gateway.handleUpgrade(request, socket, head),
    async close() {
      identityWatch?.close();
      await gateway.close();
    },
  };
}

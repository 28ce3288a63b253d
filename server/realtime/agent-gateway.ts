import type { AccountChanges } from '../auth/account-changes.js';
import type { Principal } from '../auth/principal.js';
import type { ConversationDirectory } from '../desk/conversation-directory.js';
import type { DeskService, RoutingProfile } from '../desk/desk-service.js';
import { AgentConnection, type AgentConnectionOptions } from './agent-connection.js';
import { createSocketGateway, type SocketGateway } from './socket-gateway.js';
import type { RateLimit } from './token-bucket.js';

export interface AgentGatewayOptions {
  desk: DeskService;
  directory: ConversationDirectory;
  /** Checks the staff token of the `auth` frame, and the account's current state on every frame after. */
  auth: AgentConnectionOptions['auth'];
  /** Disabling, deleting, a new password or a role change reach the account's open sockets at once. */
  accountChanges?: Pick<AccountChanges, 'subscribe'> | undefined;
  /** Skills, teams and capacity of a staff member who takes conversations; undefined for the others. */
  routingProfile: (principal: Extract<Principal, { kind: 'staff' }>) => RoutingProfile | undefined;
  /** Sent to the console, which turns longer waits red. */
  longWaitMs: number;
  /** Default `/ws/agent`. */
  path?: string;
  /** Larger frames close the socket (1009). Default 64 KiB. */
  maxPayloadBytes?: number;
  /** Every frame, per socket. Default 20/s, burst 40. */
  frameRate?: RateLimit;
  /** Invalid or refused frames per socket before it is closed (1008). Default 20, forgiven at 1/s. */
  invalidFrames?: RateLimit;
  /** Default 50: a whole support team may sit behind one address. */
  maxConnectionsPerIp?: number;
  /** Client addresses from X-Forwarded-For (LIVEDESK_TRUST_PROXY). */
  trustProxy?: boolean | undefined;
  maxBufferedBytes?: number;
  heartbeatIntervalMs?: number;
  closeTimeoutMs?: number;
  /** A socket not authenticated this long after it opened is closed (1008). Default: none. */
  admissionMs?: number | undefined;
  /** Signed links for media messages (server/media/). */
  mediaLinks?: AgentConnectionOptions['mediaLinks'];
  nowMs?: () => number;
}

export type AgentGateway = SocketGateway;

/** The agent console's WebSocket channel; serve it with `routeUpgrades(server, [..., gateway])`. */
export function createAgentGateway(options: AgentGatewayOptions): AgentGateway {
  const limits = {
    frameRate: options.frameRate ?? { perSecond: 20, burst: 40 },
    invalidFrames: options.invalidFrames ?? { perSecond: 1, burst: 20 },
    maxBufferedBytes: options.maxBufferedBytes ?? 4 * 1024 * 1024,
    nowMs: options.nowMs ?? (() => performance.now()),
  };
  const connections = new Set<AgentConnection>();
  const gateway = createSocketGateway({
    path: options.path ?? '/ws/agent',
    maxPayloadBytes: options.maxPayloadBytes ?? 64 * 1024,
    maxConnectionsPerIp: options.maxConnectionsPerIp ?? 50,
    trustProxy: options.trustProxy,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 30_000,
    closeTimeoutMs: options.closeTimeoutMs ?? 2000,
    admissionMs: options.admissionMs,
    onConnection: (socket, client) => {
      const connection = new AgentConnection({
        socket,
        onAuthenticated: client.admitted,
        desk: options.desk,
        directory: options.directory,
        auth: options.auth,
        routingProfile: options.routingProfile,
        longWaitMs: options.longWaitMs,
        mediaLinks: options.mediaLinks,
        limits,
      });
      connections.add(connection);
      socket.once('close', () => connections.delete(connection));
    },
  });
  const unsubscribe = options.accountChanges?.subscribe((change) => {
    for (const connection of [...connections]) connection.accountChanged(change);
  });
  return {
    path: gateway.path,
    get connectionCount() {
      return gateway.connectionCount;
    },
    handleUpgrade: (request, socket, head) => gateway.handleUpgrade(request, socket, head),
    async close() {
      unsubscribe?.();
      await gateway.close();
    },
  };
}

import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { z } from 'zod';
import { openRedisClient } from '../../adapters/redis/open-redis-client.js';
import { openRedisBus } from '../../adapters/redis/redis-bus.js';
import type { ClusterConfig } from '../config.js';
import type { Logger } from '../logging/logger.js';
import type { StoreHealthProbe } from '../storage/store-health.js';
import type { ClusterBus } from './bus.js';
import type { ConversationLeaseStore } from './conversation-lease-store.js';
import { createLeaderElection, type LeaderElection, type LeaderRole } from './leader-election.js';
import { createLeaderProxy, type LeaderProxy } from './leader-proxy.js';
import type { NodeRegistry } from './node-registry.js';

const LEADER_CHANNEL = 'cluster.leader';
const LeaderAnnouncementSchema = z.object({ nodeId: z.string(), url: z.string() });

/** Paths every node answers itself: its own health and metrics, which the load balancer asks of each node. */
const LOCAL_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export interface ClusterNode {
  readonly nodeId: string;
  readonly isLeader: boolean;
  /** The leader's fencing token while this node leads (the event log writes under it). */
  readonly token: number | undefined;
  /** The Redis bus between the nodes, for "look again" notices (server/tools/tool-catalog-sync.ts). */
  readonly bus: ClusterBus;
  /** What `/healthz` adds: Redis, and a leader to forward to. */
  readonly healthProbes: readonly StoreHealthProbe[];
  /** Serves the request here while leading, else forwards it to the leader (health and metrics stay here). */
  route(local: RequestListener): RequestListener;
  /** Takes the upgrade here while leading (`local`), else forwards the socket to the leader. */
  routeUpgrade(
    local: (request: IncomingMessage, socket: Duplex, head: Buffer) => void,
  ): (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** Ends the sockets and requests forwarded to the leader (first step of a drain: clients reconnect elsewhere). */
  dropForwarded(): void;
  /** Drains: forwarded sockets end, and a leader hands the lead over (call after its own work is committed). */
  stop(): Promise<void>;
}

export interface ClusterNodeOptions {
  config: ClusterConfig;
  trustProxy: boolean;
  leases: ConversationLeaseStore;
  nodes: NodeRegistry;
  logger: Logger;
  /** This node just took the lead: rebuild the queue from the log before serving. */
  onPromoted: () => Promise<void>;
  /** This node lost the lead while running: it must stop, since its memory may hold stale conversations. */
  onDemoted: (reason: string) => void;
  /** Set to read the leader's fencing token before the first round, so the log can write while it leads. */
  fencingToken: { read: () => number | undefined };
}

/**
 * One node of a cluster, in the simplest shape that keeps every guarantee of one node: the elected leader
 * runs every conversation and the desk (one queue, one set of agents, decisions serialised in one process);
 * the other nodes forward each request and socket to it and stand by. When the leader dies its lease runs
 * out, another node takes the lead under a larger fencing token and rebuilds the queue from the shared log;
 * clients reconnect through the load balancer and replay what they missed. Redis carries the announcement of
 * a new leader, so followers switch without waiting for their next round.
 */
export async function startClusterNode(options: ClusterNodeOptions): Promise<ClusterNode> {
  const { config, logger } = options;
  const redis = await openRedisClient({ url: config.redisUrl, connectionName: `livedesk:${config.nodeId}` });
  let bus: ClusterBus;
  try {
    bus = await openRedisBus({
      redis,
      connectionName: `livedesk:${config.nodeId}:bus`,
      onError: (error) => logger.warn({ error: { message: error.message } }, 'cluster bus error'),
    });
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  let leaderUrl: string | undefined;
  const proxy: LeaderProxy = createLeaderProxy({
    leaderUrl: () => leaderUrl,
    trustProxy: options.trustProxy,
  });
  let promoting: Promise<void> | undefined;
  let servingAsLeader = false;
  let stopping = false;
  let started = false;
  let startupFailure: unknown;

  const onChange = (role: LeaderRole, previous: LeaderRole) => {
    if (role.role === 'leader') {
      leaderUrl = undefined;
      proxy.dropAll();
      logger.info({ nodeId: config.nodeId, token: role.token }, 'this node leads the cluster');
      promoting = options.onPromoted().then(
        () => {
          // Demoted while rebuilding: this node must not start serving as leader.
          const now = election.current;
          if (now.role !== 'leader' || now.token !== role.token) return;
          servingAsLeader = true;
          void bus
            .publish(LEADER_CHANNEL, { nodeId: config.nodeId, url: config.nodeUrl })
            .catch(() => undefined);
        },
        (error: unknown) => {
          logger.error({ error }, 'taking the lead failed');
          if (started) options.onDemoted('failed to take the lead');
          else startupFailure = error;
        },
      );
      return;
    }
    if (previous.role === 'leader' && !stopping) {
      servingAsLeader = false;
      logger.error({ nodeId: config.nodeId }, 'this node lost the lead');
      options.onDemoted('lost the lead');
      return;
    }
    if (role.leader?.url !== leaderUrl) {
      // Sockets forwarded to the old leader are dead or about to be: clients reconnect and replay.
      proxy.dropAll();
      leaderUrl = role.leader?.url;
      logger.info({ leader: role.leader }, 'following the cluster leader');
    }
  };

  const election: LeaderElection = createLeaderElection({
    nodeId: config.nodeId,
    url: config.nodeUrl,
    leases: options.leases,
    nodes: options.nodes,
    leaseMs: config.leaderLeaseMs,
    renewEveryMs: Math.max(100, Math.floor(config.leaderLeaseMs / 3)),
    onChange,
    onError: (error) =>
      logger.warn({ error: { message: (error as Error).message } }, 'leader election round failed'),
  });
  options.fencingToken.read = () => election.token;
  let unsubscribe: () => void;
  try {
    unsubscribe = await bus.subscribe(LEADER_CHANNEL, {
      schema: LeaderAnnouncementSchema,
      onMessage: (announcement) => {
        if (announcement.nodeId !== config.nodeId) void election.refresh().catch(() => undefined);
      },
    });
  } catch (error) {
    await bus.close().catch(() => undefined);
    redis.disconnect();
    throw error;
  }
  await election.start();
  await promoting;
  if (startupFailure !== undefined) {
    await election.resign().catch(() => undefined);
    await election.close();
    unsubscribe();
    await bus.close();
    redis.disconnect();
    throw startupFailure instanceof Error ? startupFailure : new Error('taking the lead failed');
  }
  started = true;

  // The token too: after a long pause the lease may have run out before the watchdog had a chance to run.
  const leading = () => servingAsLeader && election.current.role === 'leader' && election.token !== undefined;
  return {
    nodeId: config.nodeId,
    bus,
    get isLeader() {
      return leading();
    },
    get token() {
      return election.token;
    },
    healthProbes: [
      {
        // Redis carries only the news of a new leader (followers also learn it from the database within a
        // round), so without it a node is degraded, not down: it still stores everything it acknowledges.
        component: 'redis',
        critical: false,
        check: () => (bus.healthy() ? Promise.resolve() : Promise.reject(new Error('redis unreachable'))),
      },
      {
        component: 'leader',
        check: () =>
          leading() || leaderUrl !== undefined ? Promise.resolve() : Promise.reject(new Error('no leader')),
      },
    ],
    route(local) {
      return (request: IncomingMessage, response: ServerResponse) => {
        const { pathname } = new URL(request.url ?? '/', 'http://localhost');
        if (leading() || LOCAL_PATHS.has(pathname)) local(request, response);
        else proxy.request(request, response);
      };
    },
    routeUpgrade(local) {
      return (request, socket, head) => {
        if (leading()) local(request, socket, head);
        else proxy.upgrade(request, socket, head);
      };
    },
    dropForwarded() {
      proxy.dropAll();
    },
    async stop() {
      stopping = true;
      proxy.dropAll();
      if (election.current.role === 'leader') await election.resign().catch(() => undefined);
      await election.close();
      unsubscribe();
      await bus.close();
      redis.disconnect();
    },
  };
}

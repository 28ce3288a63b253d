import type { ConversationLeaseStore } from './conversation-lease-store.js';
import type { NodeRegistry } from './node-registry.js';

/** The lease row that makes one node the leader; its token fences every conversation write. */
export const LEADER_LEASE_ID = 'livedesk:leader';

export type LeaderRole =
  | { role: 'leader'; token: number }
  | { role: 'follower'; leader: { nodeId: string; url: string | undefined } | undefined };

export interface LeaderElection {
  readonly current: LeaderRole;
  /** The leader's fencing token while this node leads; undefined otherwise (appends are then refused). */
  readonly token: number | undefined;
  /** Runs a first round, then one every `renewEveryMs`. */
  start(): Promise<void>;
  /** Runs a round now (another node announced it leads): learns the new leader without waiting. */
  refresh(): Promise<void>;
  /** Gives the lead up at once (drain on SIGTERM): another node takes it within its next round. */
  resign(): Promise<void>;
  close(): Promise<void>;
}

export interface LeaderElectionOptions {
  nodeId: string;
  /** Where other nodes reach this one (`http://10.0.0.5:3000`): followers forward their traffic here. */
  url: string;
  leases: ConversationLeaseStore;
  nodes: NodeRegistry;
  /** A leader that stops renewing loses the lead after this long. Default 3 s. */
  leaseMs?: number | undefined;
  /** How often the lease is renewed, or tried for. Default 1 s. */
  renewEveryMs?: number | undefined;
  /** The role changed: became leader, lost the lead, or the leader changed. */
  onChange?: ((role: LeaderRole, previous: LeaderRole) => void) | undefined;
  /** A round failed (the database is unreachable); the lead is kept only while the lease is. */
  onError?: ((error: unknown) => void) | undefined;
  nowMs?: () => number;
}

/**
 * One leader among the nodes, by a lease in the shared database: whoever holds it runs every conversation
 * and the desk, and writes under its token, so a node that lost the lead (paused, cut off) can no longer
 * write. Each round renews the lease (leader) or tries to take it (follower), and heartbeats the node so
 * followers learn the leader's address. A leader that cannot renew before its lease would run out steps
 * down by itself, without waiting for the database to answer.
 */
export function createLeaderElection(options: LeaderElectionOptions): LeaderElection {
  const leaseMs = options.leaseMs ?? 3_000;
  const renewEveryMs = options.renewEveryMs ?? 1_000;
  const nowMs = options.nowMs ?? (() => Date.now());
  let current: LeaderRole = { role: 'follower', leader: undefined };
  /** Until when this node may act as leader: the lease's expiry as this node last knew it. */
  let leadUntilMs = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let round: Promise<void> | undefined;
  let closed = false;
  /** A node that resigned is on its way out (draining): it never takes the lead again. */
  let resigned = false;

  const become = (next: LeaderRole) => {
    if (closed) return;
    const previous = current;
    const same =
      previous.role === next.role &&
      (next.role === 'leader'
        ? previous.role === 'leader' && previous.token === next.token
        : previous.role === 'follower' &&
          previous.leader?.nodeId === next.leader?.nodeId &&
          previous.leader?.url === next.leader?.url);
    current = next;
    if (!same) options.onChange?.(next, previous);
  };

  /** Steps down when the lease may have run out, even if the database never answers again. */
  const armWatchdog = () => {
    if (watchdog) clearTimeout(watchdog);
    watchdog = setTimeout(
      () => {
        if (current.role !== 'leader') return;
        // Timers may fire a little early: look again rather than keep a lead that is running out.
        if (nowMs() < leadUntilMs) armWatchdog();
        else become({ role: 'follower', leader: undefined });
      },
      Math.max(1, leadUntilMs - nowMs()),
    );
    watchdog.unref();
  };

  const followerOf = async (ownerNodeId: string): Promise<LeaderRole> => {
    const live = await options.nodes.liveNodes({ withinMs: leaseMs * 2 });
    const leader = live.find((node) => node.nodeId === ownerNodeId);
    return { role: 'follower', leader: { nodeId: ownerNodeId, url: leader?.url } };
  };

  const runRound = async () => {
    const startedMs = nowMs();
    try {
      await options.nodes.heartbeat({ nodeId: options.nodeId, url: options.url });
      if (current.role === 'leader') {
        const { lost } = await options.leases.renewAll({
          nodeId: options.nodeId,
          ttlMs: leaseMs,
          held: [{ conversationId: LEADER_LEASE_ID, token: current.token }],
        });
        if (lost.length === 0) {
          leadUntilMs = startedMs + leaseMs;
          armWatchdog();
          return;
        }
        become({ role: 'follower', leader: undefined });
      }
      if (resigned) {
        const owner = await options.leases.ownerOf(LEADER_LEASE_ID);
        become(
          owner && !owner.expired ? await followerOf(owner.nodeId) : { role: 'follower', leader: undefined },
        );
        return;
      }
      const grant = await options.leases.acquire({
        conversationId: LEADER_LEASE_ID,
        nodeId: options.nodeId,
        ttlMs: leaseMs,
      });
      if (grant.granted) {
        leadUntilMs = startedMs + leaseMs;
        armWatchdog();
        become({ role: 'leader', token: grant.token });
      } else {
        become(await followerOf(grant.ownerNodeId));
      }
    } catch (error) {
      options.onError?.(error);
    }
  };

  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => {
      round = runRound().finally(schedule);
    }, renewEveryMs);
    timer.unref();
  };

  return {
    get current() {
      return current;
    },
    get token() {
      return current.role === 'leader' && nowMs() < leadUntilMs ? current.token : undefined;
    },
    async start() {
      round = runRound();
      await round;
      schedule();
    },
    async refresh() {
      if (closed) return;
      await round?.catch(() => undefined);
      round = runRound();
      await round;
    },
    async resign() {
      resigned = true;
      const held = current;
      if (held.role !== 'leader') return;
      become({ role: 'follower', leader: undefined });
      await options.leases.releaseAll(options.nodeId);
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (watchdog) clearTimeout(watchdog);
      // A round in flight may still win the lease for this departing node: wait for it a little (not for
      // one stuck on an unreachable database), then give up whatever it won so nobody waits a lease out.
      await Promise.race([
        round?.catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, 1_000)),
      ]);
      await options.leases.releaseAll(options.nodeId).catch(() => undefined);
      await options.nodes.leave(options.nodeId).catch(() => undefined);
    },
  };
}

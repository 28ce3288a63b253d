/**
 * A conversation's turns run on one node at a time: the one holding its lease. Every grant carries a
 * fencing token larger than any before it for that conversation, and the event log refuses a write whose
 * token is not the lease's current one, so a node that lost its lease (paused, partitioned, presumed dead)
 * can never write after the new owner took over.
 */
export type LeaseGrant = { granted: true; token: number } | { granted: false; ownerNodeId: string };

export interface HeldLease {
  conversationId: string;
  token: number;
}

export interface LeaseOwner {
  nodeId: string;
  token: number;
  /** Past its expiry: a live node may take it over. */
  expired: boolean;
}

export interface ExpiredLease extends HeldLease {
  /** The node that held it and stopped renewing (dead, or drained by `releaseAll`). */
  nodeId: string;
}

export interface ConversationLeaseStore {
  /**
   * Takes the lease when it is free or expired (a new, larger token), extends it when this node holds it
   * already (the same token), or names the node that holds it. Atomic: of nodes racing, exactly one wins.
   */
  acquire(request: { conversationId: string; nodeId: string; ttlMs: number }): Promise<LeaseGrant>;
  /**
   * Extends every lease the node holds, in one step. `held`: what the node believes it holds; those the store
   * no longer gives it (taken over, or released) come back as `lost`, and the node must stop running them.
   */
  renewAll(request: {
    nodeId: string;
    ttlMs: number;
    held?: readonly HeldLease[] | undefined;
  }): Promise<{ held: HeldLease[]; lost: HeldLease[] }>;
  /** Gives the lease up (the conversation went quiet); false when the node no longer held it with that token. */
  release(lease: { conversationId: string; nodeId: string; token: number }): Promise<boolean>;
  /**
   * Drains a node: every lease it holds expires now, so `expired` offers them to live nodes at once. The
   * node must have stopped writing first: its tokens stay valid until another node takes over.
   */
  releaseAll(nodeId: string): Promise<number>;
  ownerOf(conversationId: string): Promise<LeaseOwner | undefined>;
  /** Leases past expiry, longest-expired first: conversations that need a new owner. */
  expired(limit: number): Promise<ExpiredLease[]>;
}

/** The leases a node believed it held that it no longer holds with the same token. */
export function lostLeases(believed: readonly HeldLease[], held: readonly HeldLease[]): HeldLease[] {
  const tokens = new Map(held.map((lease) => [lease.conversationId, lease.token]));
  return believed.filter((lease) => tokens.get(lease.conversationId) !== lease.token);
}

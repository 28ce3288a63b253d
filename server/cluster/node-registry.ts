export interface ClusterNode {
  nodeId: string;
  /** Where other nodes (or an operator) reach it, when it said. */
  url?: string | undefined;
  /** Milliseconds since its last heartbeat, by the store's clock. */
  silentForMs: number;
}

/**
 * Which nodes are alive: each beats every few seconds; one silent for longer than a few beats is presumed
 * dead, and its expired leases are taken over. A node that leaves cleanly says so.
 */
export interface NodeRegistry {
  heartbeat(node: { nodeId: string; url?: string | undefined }): Promise<void>;
  /** Nodes heard from within `withinMs`, by node id. */
  liveNodes(request: { withinMs: number }): Promise<ClusterNode[]>;
  leave(nodeId: string): Promise<void>;
}

import type { NodeRegistry } from './node-registry.js';

/** The nodes of one process (one, on a single node), for tests and for the single-node default. */
export function createInProcessNodeRegistry(options: { nowMs?: () => number } = {}): NodeRegistry {
  const nowMs = options.nowMs ?? (() => Date.now());
  const nodes = new Map<string, { url: string | undefined; lastSeenMs: number }>();
  return {
    heartbeat({ nodeId, url }) {
      nodes.set(nodeId, { url, lastSeenMs: nowMs() });
      return Promise.resolve();
    },
    liveNodes({ withinMs }) {
      const now = nowMs();
      const live = [...nodes]
        .filter(([, node]) => now - node.lastSeenMs <= withinMs)
        .map(([nodeId, node]) => ({
          nodeId,
          ...(node.url === undefined ? {} : { url: node.url }),
          silentForMs: now - node.lastSeenMs,
        }))
        .sort((a, b) => a.nodeId.localeCompare(b.nodeId));
      return Promise.resolve(live);
    },
    leave(nodeId) {
      nodes.delete(nodeId);
      return Promise.resolve();
    },
  };
}

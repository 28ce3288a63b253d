import { lostLeases, type ConversationLeaseStore, type HeldLease } from './conversation-lease-store.js';

interface LeaseRow {
  nodeId: string;
  token: number;
  expiresAtMs: number;
}

/**
 * Leases in this process's memory. On a single node that node takes every lease and always owns its
 * conversations; the full rules are kept anyway so tests of takeover and fencing can run without a database.
 */
export function createInProcessLeaseStore(options: { nowMs?: () => number } = {}): ConversationLeaseStore {
  const nowMs = options.nowMs ?? (() => Date.now());
  const leases = new Map<string, LeaseRow>();
  let lastToken = 0;

  return {
    acquire({ conversationId, nodeId, ttlMs }) {
      const now = nowMs();
      const current = leases.get(conversationId);
      if (current && current.expiresAtMs > now && current.nodeId !== nodeId)
        return Promise.resolve({ granted: false, ownerNodeId: current.nodeId });
      const keep = current !== undefined && current.expiresAtMs > now;
      const token = keep ? current.token : ++lastToken;
      leases.set(conversationId, { nodeId, token, expiresAtMs: now + ttlMs });
      return Promise.resolve({ granted: true, token });
    },
    renewAll({ nodeId, ttlMs, held = [] }) {
      const expiresAtMs = nowMs() + ttlMs;
      const renewed: HeldLease[] = [];
      for (const [conversationId, lease] of leases) {
        if (lease.nodeId !== nodeId) continue;
        lease.expiresAtMs = expiresAtMs;
        renewed.push({ conversationId, token: lease.token });
      }
      return Promise.resolve({ held: renewed, lost: lostLeases(held, renewed) });
    },
    release({ conversationId, nodeId, token }) {
      const lease = leases.get(conversationId);
      if (!lease || lease.nodeId !== nodeId || lease.token !== token) return Promise.resolve(false);
      leases.delete(conversationId);
      return Promise.resolve(true);
    },
    releaseAll(nodeId) {
      const now = nowMs();
      let count = 0;
      for (const lease of leases.values()) {
        if (lease.nodeId !== nodeId || lease.expiresAtMs <= now) continue;
        lease.expiresAtMs = now;
        count += 1;
      }
      return Promise.resolve(count);
    },
    ownerOf(conversationId) {
      const lease = leases.get(conversationId);
      return Promise.resolve(
        lease && { nodeId: lease.nodeId, token: lease.token, expired: lease.expiresAtMs <= nowMs() },
      );
    },
    expired(limit) {
      const now = nowMs();
      const rows = [...leases]
        .filter(([, lease]) => lease.expiresAtMs <= now)
        .sort(([, a], [, b]) => a.expiresAtMs - b.expiresAtMs)
        .slice(0, limit)
        .map(([conversationId, lease]) => ({ conversationId, nodeId: lease.nodeId, token: lease.token }));
      return Promise.resolve(rows);
    },
  };
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationLeaseStore, LeaseGrant } from '../../server/cluster/conversation-lease-store.js';
import type { NodeRegistry } from '../../server/cluster/node-registry.js';

export interface LeaseStoreHarness {
  /** Shared by every node, as the database is; nodes are told apart by their ids. */
  store: ConversationLeaseStore;
  registry: NodeRegistry;
  cleanup(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tokenOf(grant: LeaseGrant): number {
  if (!grant.granted) throw new Error(`expected a grant, ${grant.ownerNodeId} holds the lease`);
  return grant.token;
}

/**
 * What every ConversationLeaseStore (and NodeRegistry) promises, in process and in PostgreSQL. Expiry is
 * real time: short leases and short sleeps, since the database keeps its own clock.
 */
export function runLeaseStoreContract(name: string, createHarness: () => Promise<LeaseStoreHarness>): void {
  describe(`ConversationLeaseStore contract: ${name}`, () => {
    let harness: LeaseStoreHarness;
    let store: ConversationLeaseStore;

    beforeEach(async () => {
      harness = await createHarness();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    it('grants a free lease and names its holder to any other node', async () => {
      const grant = await store.acquire({ conversationId: 'c1', nodeId: 'node-a', ttlMs: 10_000 });

      expect(grant).toEqual({ granted: true, token: expect.any(Number) as number });
      expect(await store.acquire({ conversationId: 'c1', nodeId: 'node-b', ttlMs: 10_000 })).toEqual({
        granted: false,
        ownerNodeId: 'node-a',
      });
      expect(await store.ownerOf('c1')).toEqual({ nodeId: 'node-a', token: tokenOf(grant), expired: false });
      expect(await store.ownerOf('never-leased')).toBeUndefined();
    });

    it('gives exactly one of several racing nodes the lease', async () => {
      const nodes = Array.from({ length: 8 }, (_, index) => `node-${index}`);

      const grants = await Promise.all(
        nodes.map((nodeId) => store.acquire({ conversationId: 'contested', nodeId, ttlMs: 10_000 })),
      );

      const winners = grants.flatMap((grant, index) => (grant.granted ? [nodes[index]] : []));
      expect(winners).toHaveLength(1);
      for (const grant of grants) if (!grant.granted) expect(grant.ownerNodeId).toBe(winners[0]);
      expect((await store.ownerOf('contested'))?.nodeId).toBe(winners[0]);
    });

    it('lets the holder acquire again with the same token', async () => {
      const first = tokenOf(await store.acquire({ conversationId: 'c2', nodeId: 'node-a', ttlMs: 10_000 }));

      const again = tokenOf(await store.acquire({ conversationId: 'c2', nodeId: 'node-a', ttlMs: 10_000 }));

      expect(again).toBe(first);
    });

    it('hands an expired lease to another node with a larger token, and the old holder learns it lost it', async () => {
      const old = tokenOf(await store.acquire({ conversationId: 'c3', nodeId: 'node-a', ttlMs: 150 }));
      await sleep(300);
      expect(await store.ownerOf('c3')).toEqual({ nodeId: 'node-a', token: old, expired: true });

      const taken = tokenOf(await store.acquire({ conversationId: 'c3', nodeId: 'node-b', ttlMs: 10_000 }));

      expect(taken).toBeGreaterThan(old);
      const renewal = await store.renewAll({
        nodeId: 'node-a',
        ttlMs: 10_000,
        held: [{ conversationId: 'c3', token: old }],
      });
      expect(renewal).toEqual({ held: [], lost: [{ conversationId: 'c3', token: old }] });
      expect(await store.release({ conversationId: 'c3', nodeId: 'node-a', token: old })).toBe(false);
      expect(await store.ownerOf('c3')).toEqual({ nodeId: 'node-b', token: taken, expired: false });
    });

    it('renews every lease of a node in one call and keeps the others out', async () => {
      const held = [];
      for (const conversationId of ['r1', 'r2', 'r3'])
        held.push({
          conversationId,
          token: tokenOf(await store.acquire({ conversationId, nodeId: 'node-a', ttlMs: 300 })),
        });
      await store.acquire({ conversationId: 'other', nodeId: 'node-b', ttlMs: 300 });

      await sleep(150);
      const renewal = await store.renewAll({ nodeId: 'node-a', ttlMs: 10_000, held });
      await sleep(300);

      expect(renewal.lost).toEqual([]);
      expect([...renewal.held].sort((a, b) => a.conversationId.localeCompare(b.conversationId))).toEqual(
        held,
      );
      expect(await store.acquire({ conversationId: 'r2', nodeId: 'node-b', ttlMs: 10_000 })).toEqual({
        granted: false,
        ownerNodeId: 'node-a',
      });
      expect((await store.expired(10)).map((lease) => lease.conversationId)).toEqual(['other']);
    });

    it('frees a released lease for the next node, with a larger token, and ignores a stale release', async () => {
      const first = tokenOf(await store.acquire({ conversationId: 'c4', nodeId: 'node-a', ttlMs: 10_000 }));

      expect(await store.release({ conversationId: 'c4', nodeId: 'node-b', token: first })).toBe(false);
      expect(await store.release({ conversationId: 'c4', nodeId: 'node-a', token: first + 1000 })).toBe(
        false,
      );
      expect(await store.release({ conversationId: 'c4', nodeId: 'node-a', token: first })).toBe(true);

      expect(await store.ownerOf('c4')).toBeUndefined();
      const next = tokenOf(await store.acquire({ conversationId: 'c4', nodeId: 'node-b', ttlMs: 10_000 }));
      expect(next).toBeGreaterThan(first);
    });

    it("drains a node: its leases expire at once and are offered for takeover, no one else's", async () => {
      await store.acquire({ conversationId: 'd1', nodeId: 'node-a', ttlMs: 10_000 });
      await store.acquire({ conversationId: 'd2', nodeId: 'node-a', ttlMs: 10_000 });
      await store.acquire({ conversationId: 'kept', nodeId: 'node-b', ttlMs: 10_000 });

      expect(await store.releaseAll('node-a')).toBe(2);

      const expired = await store.expired(10);
      expect(expired.map((lease) => lease.conversationId).sort()).toEqual(['d1', 'd2']);
      expect(expired.every((lease) => lease.nodeId === 'node-a')).toBe(true);
      const taken = await store.acquire({ conversationId: 'd1', nodeId: 'node-b', ttlMs: 10_000 });
      expect(tokenOf(taken)).toBeGreaterThan(expired.find((lease) => lease.conversationId === 'd1')!.token);
      expect(await store.releaseAll('node-a')).toBe(0);
    });

    it('lists expired leases oldest first, up to the limit', async () => {
      await store.acquire({ conversationId: 'e1', nodeId: 'node-a', ttlMs: 50 });
      await sleep(20);
      await store.acquire({ conversationId: 'e2', nodeId: 'node-a', ttlMs: 50 });
      await sleep(20);
      await store.acquire({ conversationId: 'e3', nodeId: 'node-b', ttlMs: 50 });
      await store.acquire({ conversationId: 'live', nodeId: 'node-b', ttlMs: 10_000 });
      await sleep(150);

      expect((await store.expired(2)).map((lease) => lease.conversationId)).toEqual(['e1', 'e2']);
      expect((await store.expired(10)).map((lease) => lease.conversationId)).toEqual(['e1', 'e2', 'e3']);
    });

    it('grants ever larger tokens across conversations', async () => {
      const tokens = [];
      for (const conversationId of ['t1', 't2', 't3'])
        tokens.push(tokenOf(await store.acquire({ conversationId, nodeId: 'node-a', ttlMs: 10_000 })));

      expect([...tokens].sort((a, b) => a - b)).toEqual(tokens);
      expect(new Set(tokens).size).toBe(3);
    });
  });

  describe(`NodeRegistry contract: ${name}`, () => {
    let harness: LeaseStoreHarness;
    let registry: NodeRegistry;

    beforeEach(async () => {
      harness = await createHarness();
      registry = harness.registry;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    it('lists nodes heard from recently, with their addresses, and forgets one that leaves', async () => {
      await registry.heartbeat({ nodeId: 'node-a', url: 'http://10.0.0.1:3000' });
      await registry.heartbeat({ nodeId: 'node-b' });

      const live = await registry.liveNodes({ withinMs: 5_000 });
      expect(live.map((node) => ({ nodeId: node.nodeId, url: node.url }))).toEqual([
        { nodeId: 'node-a', url: 'http://10.0.0.1:3000' },
        { nodeId: 'node-b', url: undefined },
      ]);
      expect(live.every((node) => node.silentForMs >= 0 && node.silentForMs < 5_000)).toBe(true);

      await registry.leave('node-a');
      expect((await registry.liveNodes({ withinMs: 5_000 })).map((node) => node.nodeId)).toEqual(['node-b']);
    });

    it('leaves out a node that has been silent too long, until it beats again', async () => {
      await registry.heartbeat({ nodeId: 'node-quiet' });
      await sleep(600);
      await registry.heartbeat({ nodeId: 'node-busy' });

      expect((await registry.liveNodes({ withinMs: 300 })).map((node) => node.nodeId)).toEqual(['node-busy']);

      await registry.heartbeat({ nodeId: 'node-quiet' });
      expect((await registry.liveNodes({ withinMs: 300 })).map((node) => node.nodeId)).toEqual([
        'node-busy',
        'node-quiet',
      ]);
    });
  });
}

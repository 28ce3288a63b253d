import { describe, expect, it } from 'vitest';
import { runLeaseStoreContract } from '../../test/contracts/conversation-lease-store.contract.js';
import { createInProcessLeaseStore } from './in-process-lease-store.js';
import { createInProcessNodeRegistry } from './in-process-node-registry.js';

runLeaseStoreContract('in-process', () =>
  Promise.resolve({
    store: createInProcessLeaseStore(),
    registry: createInProcessNodeRegistry(),
    cleanup: () => Promise.resolve(),
  }),
);

describe('createInProcessLeaseStore', () => {
  it('expires by the clock it is given', async () => {
    let nowMs = 1_000;
    const store = createInProcessLeaseStore({ nowMs: () => nowMs });
    await store.acquire({ conversationId: 'c', nodeId: 'a', ttlMs: 100 });

    nowMs += 99;
    expect(await store.expired(10)).toEqual([]);
    nowMs += 1;

    expect(await store.expired(10)).toEqual([{ conversationId: 'c', nodeId: 'a', token: 1 }]);
  });
});

import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { PlatformSigningKey } from './platform-key-store.js';
import { createSigningKeyStates, revokedIdentityCheck } from './signing-key-states.js';
import { verifiedViewerClaim } from './verified-viewer-claim.js';

const key = (id: string, revokedAt: string | null = null): PlatformSigningKey => ({
  kind: 'hs256',
  id,
  platformId: 'acme',
  secret: 'x'.repeat(43),
  createdAt: '2026-12-07T10:00:00.000Z',
  createdBy: 'admin',
  revokedAt,
});

/** One shared key list, as two cluster nodes see it through the database. */
function sharedStore() {
  let keys = [key('pk_a'), key('pk_b')];
  let reads = 0;
  return {
    listSigningKeys: () => {
      reads += 1;
      return Promise.resolve(keys);
    },
    revoke: (id: string) => {
      keys = keys.map((found) => (found.id === id ? key(id, '2026-12-07T11:00:00.000Z') : found));
    },
    reads: () => reads,
  };
}

describe('signing key states for the viewer join', () => {
  it('reads the key list once per ttl, and sees a revocation made elsewhere once it passes', async () => {
    const store = sharedStore();
    let now = 0;
    const otherNode = createSigningKeyStates({ keys: store, ttlMs: 2000, nowMs: () => now });
    expect(await Promise.all([otherNode.isActive('pk_a'), otherNode.isActive('pk_b')])).toEqual([true, true]);
    expect(store.reads()).toBe(1);
    store.revoke('pk_a');
    now = 1000;
    expect(await otherNode.isActive('pk_a')).toBe(true);
    now = 2001;
    expect(await otherNode.isActive('pk_a')).toBe(false);
    expect(await otherNode.isActive('pk_unknown')).toBe(false);
    expect(store.reads()).toBe(2);
  });

  it('on the node that revoked, takes effect at once', async () => {
    const store = sharedStore();
    const states = createSigningKeyStates({ keys: store, ttlMs: 60_000 });
    expect(await states.isActive('pk_a')).toBe(true);
    store.revoke('pk_a');
    states.invalidate();
    expect(await states.isActive('pk_a')).toBe(false);
  });

  it('judges a viewer token by the key id it carries, and leaves tokens without one alone', async () => {
    const store = sharedStore();
    const check = revokedIdentityCheck(createSigningKeyStates({ keys: store, ttlMs: 0 }));
    const token = (claims: Record<string, unknown>) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(Buffer.alloc(32, 1));
    const verified = { platformId: 'acme', userId: 'u1' };
    const withKey = await token(verifiedViewerClaim(verified, 'pk_a'));
    expect(await check(withKey)).toBeUndefined();
    store.revoke('pk_a');
    expect(await check(withKey)).toMatch(/revoked/);
    expect(await check(await token(verifiedViewerClaim(verified)))).toBeUndefined();
    expect(await check('not a token')).toBeUndefined();
  });
});

describe('signing key states across an invalidation', () => {
  it('does not hand a join the read that started before the revocation', async () => {
    let keys = [key('pk_a')];
    const pending: ((value: PlatformSigningKey[]) => void)[] = [];
    const store = {
      listSigningKeys: () =>
        new Promise<PlatformSigningKey[]>((resolve) => {
          const snapshot = keys;
          pending.push(() => resolve(snapshot));
        }),
    };
    const states = createSigningKeyStates({ keys: store, ttlMs: 60_000 });
    const before = states.isActive('pk_a');
    keys = [key('pk_a', '2026-12-07T11:00:00.000Z')];
    states.invalidate();
    const after = states.isActive('pk_a');
    expect(pending).toHaveLength(2);
    for (const release of pending) release([]);
    expect(await before).toBe(true);
    expect(await after).toBe(false);
    // The stale read was not kept: a later join reuses the fresh one's result without another read.
    expect(await states.isActive('pk_a')).toBe(false);
    expect(pending).toHaveLength(2);
  });
});

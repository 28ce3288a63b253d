import { decodeJwt, UnsecuredJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VERIFYING_KEY_CLAIM } from '../platform/verified-viewer-claim.js';
import { createRevokedIdentityWatch, type RevokedIdentityWatch } from './revoked-identity-watch.js';

const tokenOf = (keyId: string | undefined, viewer: string) =>
  new UnsecuredJWT({
    sub: viewer,
    ...(keyId === undefined ? {} : { [VERIFYING_KEY_CLAIM]: keyId }),
  }).encode();

describe('the revoked identity watch', () => {
  let watch: RevokedIdentityWatch | undefined;
  afterEach(() => {
    watch?.close();
    vi.useRealTimers();
  });

  it('asks once per key, ends only the sockets of a revoked key, and forgets closed ones', async () => {
    vi.useFakeTimers();
    const revoked = new Set<string>();
    const asked: string[] = [];
    watch = createRevokedIdentityWatch({
      intervalMs: 1_000,
      revokedIdentity: (token) => {
        const id = String(decodeJwt(token)[VERIFYING_KEY_CLAIM]);
        asked.push(id);
        return Promise.resolve(revoked.has(id) ? `key ${id} revoked` : undefined);
      },
    });
    const ended: string[] = [];
    for (const viewer of ['a1', 'a2', 'a3'])
      watch.watch(tokenOf('key-a', viewer), (why) => ended.push(`${viewer}: ${why}`));
    watch.watch(tokenOf('key-b', 'b1'), (why) => ended.push(`b1: ${why}`));
    const unwatchB2 = watch.watch(tokenOf('key-b', 'b2'), (why) => ended.push(`b2: ${why}`));
    watch.watch(tokenOf(undefined, 'anonymous'), (why) => ended.push(`anonymous: ${why}`));

    await vi.advanceTimersByTimeAsync(1_000);
    expect(asked.sort()).toEqual(['key-a', 'key-b']);
    expect(ended).toEqual([]);

    revoked.add('key-b');
    unwatchB2();
    asked.length = 0;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(asked.sort()).toEqual(['key-a', 'key-b']);
    expect(ended).toEqual(['b1: key key-b revoked']);

    // An ended key's sockets are no longer asked about.
    asked.length = 0;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(asked).toEqual(['key-a']);
  });
});

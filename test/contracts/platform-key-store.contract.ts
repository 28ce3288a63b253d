import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  PlatformApiKey,
  PlatformKeyStore,
  PlatformSigningKey,
} from '../../server/platform/platform-key-store.js';

export interface PlatformKeyStoreHarness {
  store: PlatformKeyStore;
  /** Another store on the same storage, as a restarted process or a second node would open it. */
  openAnother(): Promise<PlatformKeyStore>;
  cleanup(): Promise<void>;
}

const SECRET = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0xMjM0NTY3';

const hsKey = (id: string, platformId = 'acme'): PlatformSigningKey => ({
  kind: 'hs256',
  id,
  platformId,
  secret: SECRET,
  createdAt: `2026-12-01T10:00:0${id.length % 10}.000Z`,
  createdBy: 'admin',
  revokedAt: null,
});

const jwksKey = (id: string, platformId = 'acme'): PlatformSigningKey => ({
  kind: 'jwks',
  id,
  platformId,
  jwksUrl: 'http://127.0.0.1:9/jwks.json',
  createdAt: '2026-12-01T11:00:00.000Z',
  createdBy: 'admin',
  revokedAt: null,
});

const apiKey = (id: string, hashDigit: string): PlatformApiKey => ({
  id,
  platformId: 'acme',
  label: `backend ${id}`,
  secretHash: hashDigit.repeat(64),
  prefix: 'ldp_abcd',
  createdAt: '2026-12-01T12:00:00.000Z',
  createdBy: 'admin',
  revokedAt: null,
});

/**
 * What every PlatformKeyStore promises, for each adapter:
 * `runPlatformKeyStoreContract('sqlite', async () => ({ store, openAnother, cleanup }))`.
 */
export function runPlatformKeyStoreContract(
  name: string,
  createHarness: () => Promise<PlatformKeyStoreHarness>,
): void {
  describe(`PlatformKeyStore contract: ${name}`, () => {
    let harness: PlatformKeyStoreHarness;
    let store: PlatformKeyStore;

    beforeEach(async () => {
      harness = await createHarness();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    it('keeps both kinds of signing key exactly, for another store too', async () => {
      expect(await store.addSigningKey(hsKey('k1'))).toBe('added');
      expect(await store.addSigningKey(jwksKey('k2'))).toBe('added');
      const other = await harness.openAnother();
      expect(await other.listSigningKeys()).toEqual([hsKey('k1'), jwksKey('k2')]);
    });

    it('allows two active keys per platform, a third only after one is revoked', async () => {
      await store.addSigningKey(hsKey('k1'));
      await store.addSigningKey(hsKey('k22'));
      expect(await store.addSigningKey(hsKey('k333'))).toBe('limit');
      expect(await store.addSigningKey(hsKey('k4', 'other-platform'))).toBe('added');
      const revoked = await store.revokeSigningKey('k1', '2026-12-02T00:00:00.000Z');
      expect(revoked).toEqual({ ...hsKey('k1'), revokedAt: '2026-12-02T00:00:00.000Z' });
      expect(await store.addSigningKey(hsKey('k333'))).toBe('added');
      const ids = (await store.listSigningKeys()).map((key) => [key.id, key.revokedAt !== null]);
      expect(ids).toEqual([
        ['k1', true],
        ['k22', false],
        ['k333', false],
        ['k4', false],
      ]);
    });

    it('counts keys a second store added at the same time against the limit', async () => {
      const other = await harness.openAnother();
      const outcomes = await Promise.all([
        store.addSigningKey(hsKey('a1')),
        other.addSigningKey(hsKey('b22')),
        store.addSigningKey(hsKey('c333')),
        other.addSigningKey(hsKey('d4444')),
      ]);
      expect(outcomes.filter((outcome) => outcome === 'added')).toHaveLength(2);
      expect((await store.listSigningKeys()).filter((key) => key.revokedAt === null)).toHaveLength(2);
    });

    it('keeps the first revocation time and answers undefined for an unknown key', async () => {
      await store.addSigningKey(hsKey('k1'));
      await store.revokeSigningKey('k1', '2026-12-02T00:00:00.000Z');
      const again = await store.revokeSigningKey('k1', '2026-12-03T00:00:00.000Z');
      expect(again?.revokedAt).toBe('2026-12-02T00:00:00.000Z');
      expect(await store.revokeSigningKey('nope', '2026-12-03T00:00:00.000Z')).toBeUndefined();
    });

    it('refuses a second signing key with the same id as a conflict', async () => {
      await store.addSigningKey(hsKey('k1'));
      await expect(store.addSigningKey(hsKey('k1', 'other-platform'))).rejects.toMatchObject({
        code: 'conflict',
      });
    });

    it('finds an API key by its hash only while it is active', async () => {
      await store.addApiKey(apiKey('a1', 'a'));
      await store.addApiKey(apiKey('a2', 'b'));
      const other = await harness.openAnother();
      expect(await other.findActiveApiKey('a'.repeat(64))).toEqual(apiKey('a1', 'a'));
      expect(await other.findActiveApiKey('c'.repeat(64))).toBeUndefined();
      const revoked = await store.revokeApiKey('a1', '2026-12-02T00:00:00.000Z');
      expect(revoked?.revokedAt).toBe('2026-12-02T00:00:00.000Z');
      expect(await other.findActiveApiKey('a'.repeat(64))).toBeUndefined();
      expect((await other.listApiKeys()).map((key) => key.id)).toEqual(['a1', 'a2']);
      expect(await store.revokeApiKey('nope', '2026-12-02T00:00:00.000Z')).toBeUndefined();
    });

    it('refuses a malformed key before anything is stored', async () => {
      await expect(store.addSigningKey({ ...hsKey('k1'), platformId: 'Not Valid' })).rejects.toThrow();
      await expect(store.addApiKey({ ...apiKey('a1', 'a'), secretHash: 'short' })).rejects.toThrow();
      expect(await store.listSigningKeys()).toEqual([]);
      expect(await store.listApiKeys()).toEqual([]);
    });
  });
}

import { decodeJwt } from 'jose';
import type { PlatformKeyStore } from './platform-key-store.js';
import { VERIFYING_KEY_CLAIM } from './verified-viewer-claim.js';

/** Which platform signing keys are active, from a cache at most `ttlMs` old. */
export interface SigningKeyStates {
  /** False for a revoked key and for one the store does not know. */
  isActive(keyId: string): Promise<boolean>;
  /** Forgets the cache: this node just revoked a key, and must not wait for the next refresh. */
  invalidate(): void;
}

/**
 * Key states for the viewer channel's join, cheap enough for every join: one read of the key list per
 * `ttlMs` (default 2 s) on each node, shared by the joins meanwhile. A revocation reaches the node that made
 * it at once (`invalidate`) and every other cluster node within `ttlMs`, through the shared store, with
 * nothing on the bus to lose. A failed refresh keeps the last states it had (the store is down; joins fail
 * for other reasons then) and tries again on the next join.
 */
export function createSigningKeyStates(options: {
  keys: Pick<PlatformKeyStore, 'listSigningKeys'>;
  ttlMs?: number | undefined;
  nowMs?: (() => number) | undefined;
}): SigningKeyStates {
  const ttlMs = options.ttlMs ?? 2_000;
  const nowMs = options.nowMs ?? (() => performance.now());
  let known: { at: number; active: ReadonlySet<string> } | undefined;
  let reading: { generation: number; active: Promise<ReadonlySet<string>> } | undefined;
  let generation = 0;

  const read = (): Promise<ReadonlySet<string>> => {
    // A read that began before an invalidation may predate the revocation: a join after it waits for a new one.
    if (reading?.generation === generation) return reading.active;
    const startedAt = nowMs();
    const startedGeneration = generation;
    const current: { generation: number; active: Promise<ReadonlySet<string>> } = {
      generation: startedGeneration,
      active: options.keys
        .listSigningKeys()
        .then((keys) => {
          const active = new Set(keys.filter((key) => key.revokedAt === null).map((key) => key.id));
          // Its callers may use it, but it is kept only if nothing was invalidated meanwhile.
          if (startedGeneration === generation) known = { at: startedAt, active };
          return active;
        })
        .catch((error: unknown) => {
          if (known) return known.active;
          throw error;
        })
        .finally(() => {
          if (reading === current) reading = undefined;
        }),
    };
    reading = current;
    return current.active;
  };

  return {
    async isActive(keyId) {
      const fresh = known && nowMs() - known.at < ttlMs ? known.active : await read();
      return fresh.has(keyId);
    },
    invalidate() {
      generation += 1;
      known = undefined;
    },
  };
}

/**
 * What the viewer channel asks on join: the refusal for a viewer token minted from a platform identity whose
 * signing key has since been revoked, or undefined. Tokens without the key's id (anonymous viewers, tokens
 * made before it was recorded) are not judged here.
 */
export function revokedIdentityCheck(
  states: SigningKeyStates,
): (token: string) => Promise<string | undefined> {
  return async (token) => {
    let keyId: unknown;
    try {
      keyId = decodeJwt(token)[VERIFYING_KEY_CLAIM];
    } catch {
      return undefined;
    }
    if (typeof keyId !== 'string' || (await states.isActive(keyId))) return undefined;
    return `the platform key ${keyId} that verified this identity was revoked: open a new session (POST /api/viewer/session) with a fresh identity`;
  };
}
